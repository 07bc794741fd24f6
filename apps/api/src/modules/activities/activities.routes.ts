import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ActivitySchema,
  CreateActivityBodySchema,
  CreateGroupBodySchema,
  GroupListQuerySchema,
  GroupSchema,
  IdParamsSchema,
  UpdateActivityBodySchema,
  UpdateGroupBodySchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './activities.service.ts';

export const activityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const tags = ['activities'];

  app.get(
    '/activities',
    {
      schema: {
        tags,
        summary: 'The activity catalogue (every signed-in user)',
        response: { 200: Type.Array(ActivitySchema), ...errors(401) },
      },
    },
    async (request) => await service.listActivities(ctx(request)),
  );
  app.post(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Add a custom activity (admin)',
        body: CreateActivityBodySchema,
        response: { 201: ActivitySchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createActivity(ctx(request), request.body)),
  );
  app.patch(
    '/activities/:id',
    {
      schema: {
        tags,
        summary: 'Change an activity: name, default duration, recurring, active (admin)',
        params: IdParamsSchema,
        body: UpdateActivityBodySchema,
        response: { 200: ActivitySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.updateActivity(ctx(request), request.params.id, request.body),
  );

  app.get(
    '/groups',
    {
      schema: {
        tags,
        summary: 'Recurring groups with their rosters (staff: own centres; coordinator: all)',
        querystring: GroupListQuerySchema,
        response: { 200: Type.Array(GroupSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.listGroups(ctx(request), request.query.centreId),
  );
  app.get(
    '/groups/:id',
    {
      schema: {
        tags,
        summary: 'One recurring group with its roster',
        params: IdParamsSchema,
        response: { 200: GroupSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.getGroup(ctx(request), request.params.id),
  );
  app.post(
    '/groups',
    {
      schema: {
        tags,
        summary: 'Create a recurring group with a roster (centre staff)',
        body: CreateGroupBodySchema,
        response: { 201: GroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createGroup(ctx(request), request.body)),
  );
  app.patch(
    '/groups/:id',
    {
      schema: {
        tags,
        summary: 'Change a recurring group or replace its roster (centre staff)',
        params: IdParamsSchema,
        body: UpdateGroupBodySchema,
        response: { 200: GroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.updateGroup(ctx(request), request.params.id, request.body),
  );
};
