import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CloseFollowUpBodySchema,
  CreateFollowUpBodySchema,
  FollowUpAttemptBodySchema,
  FollowUpListQuerySchema,
  FollowUpSchema,
  IdParamsSchema,
  Page,
  UpdateFollowUpBodySchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './follow-ups.service.ts';

export const followUpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const tags = ['follow-ups'];

  app.get(
    '/follow-ups',
    {
      schema: {
        tags,
        summary:
          'Outreach tasks (staff: own centres; coordinator: all); open ones first by due date',
        querystring: FollowUpListQuerySchema,
        response: { 200: Page(FollowUpSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.listFollowUps(ctx(request), request.query),
  );
  app.post(
    '/follow-ups',
    {
      schema: {
        tags,
        summary: 'Create an outreach task for a participant with follow-up consent',
        body: CreateFollowUpBodySchema,
        response: { 201: FollowUpSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createFollowUp(ctx(request), request.body)),
  );
  app.get(
    '/follow-ups/:id',
    {
      schema: {
        tags,
        summary: 'One outreach task with its attempts',
        params: IdParamsSchema,
        response: { 200: FollowUpSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.getFollowUp(ctx(request), request.params.id),
  );
  app.patch(
    '/follow-ups/:id',
    {
      schema: {
        tags,
        summary: 'Reassign an open task or change its due date',
        params: IdParamsSchema,
        body: UpdateFollowUpBodySchema,
        response: { 200: FollowUpSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.updateFollowUp(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/follow-ups/:id/attempts',
    {
      schema: {
        tags,
        summary: 'Record a contact attempt and its outcome',
        params: IdParamsSchema,
        body: FollowUpAttemptBodySchema,
        response: { 201: FollowUpSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addAttempt(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/follow-ups/:id/close',
    {
      schema: {
        tags,
        summary: 'Close a task with its outcome',
        params: IdParamsSchema,
        body: CloseFollowUpBodySchema,
        response: { 200: FollowUpSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.closeFollowUp(ctx(request), request.params.id, request.body),
  );
};
