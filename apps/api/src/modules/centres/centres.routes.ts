import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CentreSchema,
  CreateCentreBodySchema,
  IdParamsSchema,
  OkSchema,
  UpdateCentreBodySchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './centres.service.ts';

export const centreRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['centres'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/centres',
    {
      schema: {
        tags,
        summary: 'All centres (every signed-in user)',
        response: { 200: Type.Array(CentreSchema), ...errors(401) },
      },
    },
    async (request) => await service.listCentres(ctx(request)),
  );
  app.get(
    '/centres/:id',
    {
      schema: {
        tags,
        summary: 'One centre',
        params: IdParamsSchema,
        response: { 200: CentreSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => await service.getCentre(ctx(request), request.params.id),
  );
  app.post(
    '/centres',
    {
      schema: {
        tags,
        summary: 'Create a centre (admin)',
        body: CreateCentreBodySchema,
        response: { 201: CentreSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createCentre(ctx(request), request.body)),
  );
  app.patch(
    '/centres/:id',
    {
      schema: {
        tags,
        summary: 'Change a centre (admin)',
        params: IdParamsSchema,
        body: UpdateCentreBodySchema,
        response: { 200: CentreSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.updateCentre(ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/centres/:id',
    {
      schema: {
        tags,
        summary: 'Delete a centre nobody is linked to (admin); otherwise deactivate it',
        params: IdParamsSchema,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.deleteCentre(ctx(request), request.params.id),
  );
};
