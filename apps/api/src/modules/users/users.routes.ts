import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateUserBodySchema,
  IdParamsSchema,
  OkSchema,
  Page,
  ResetPasswordBodySchema,
  UpdateUserBodySchema,
  UserListQuerySchema,
  UserSchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './users.service.ts';

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['users'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List users (admin)',
        querystring: UserListQuerySchema,
        response: { 200: Page(UserSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => await service.listUsers(ctx(request), request.query),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user with roles and centres (admin)',
        body: CreateUserBodySchema,
        response: { 201: UserSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createUser(ctx(request), request.body)),
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'One user (admin)',
        params: IdParamsSchema,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.getUser(ctx(request), request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary:
          'Change name, roles, centres or deactivate (admin); deactivation ends sessions at once',
        params: IdParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.updateUser(ctx(request), request.params.id, request.body),
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary: "Reset a user's password (admin); ends their sessions",
        params: IdParamsSchema,
        body: ResetPasswordBodySchema,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.resetPassword(ctx(request), request.params.id, request.body),
  );
};
