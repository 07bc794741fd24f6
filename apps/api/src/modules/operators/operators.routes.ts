import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateOperatorBodySchema,
  IdParamsSchema,
  OkSchema,
  OperatorSchema,
  UpdateOperatorBodySchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './operators.service.ts';

export const operatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['operators'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/operators',
    {
      schema: {
        tags,
        summary: 'All operators (Träger)',
        response: { 200: Type.Array(OperatorSchema), ...errors(401) },
      },
    },
    async (request) => await service.listOperators(ctx(request)),
  );
  app.get(
    '/operators/:id',
    {
      schema: {
        tags,
        summary: 'One operator',
        params: IdParamsSchema,
        response: { 200: OperatorSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => await service.getOperator(ctx(request), request.params.id),
  );
  app.post(
    '/operators',
    {
      schema: {
        tags,
        summary: 'Create an operator (admin)',
        body: CreateOperatorBodySchema,
        response: { 201: OperatorSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createOperator(ctx(request), request.body)),
  );
  app.patch(
    '/operators/:id',
    {
      schema: {
        tags,
        summary: 'Change an operator (admin)',
        params: IdParamsSchema,
        body: UpdateOperatorBodySchema,
        response: { 200: OperatorSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.updateOperator(ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/operators/:id',
    {
      schema: {
        tags,
        summary: 'Delete an operator that runs no centre (admin)',
        params: IdParamsSchema,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.deleteOperator(ctx(request), request.params.id),
  );
};
