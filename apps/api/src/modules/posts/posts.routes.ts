import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AllocationsBodySchema,
  AssignmentListSchema,
  AssignmentParamsSchema,
  CreateAssignmentBodySchema,
  CreatePostBodySchema,
  IdParamsSchema,
  OkSchema,
  PostSchema,
  PostSummarySchema,
  StatusChangeBodySchema,
  UpdatePostBodySchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './posts.service.ts';

export const postRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['posts'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/posts',
    {
      schema: {
        tags,
        summary: 'All posts with their allocations (admin, coordinator)',
        response: { 200: Type.Array(PostSummarySchema), ...errors(401, 403) },
      },
    },
    async (request) => await service.listPosts(ctx(request)),
  );
  app.post(
    '/posts',
    {
      schema: {
        tags,
        summary: 'Create a post in status proposed (admin)',
        body: CreatePostBodySchema,
        response: { 201: PostSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createPost(ctx(request), request.body)),
  );
  app.get(
    '/posts/:id',
    {
      schema: {
        tags,
        summary: 'One post with status history and allowed transitions (admin, coordinator)',
        params: IdParamsSchema,
        response: { 200: PostSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.getPost(ctx(request), request.params.id),
  );
  app.patch(
    '/posts/:id',
    {
      schema: {
        tags,
        summary: 'Change a post’s fields; status changes go through /status (admin)',
        params: IdParamsSchema,
        body: UpdatePostBodySchema,
        response: { 200: PostSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.updatePost(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/posts/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a post along its lifecycle with date and reason (admin)',
        params: IdParamsSchema,
        body: StatusChangeBodySchema,
        response: { 200: PostSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.changeStatus(ctx(request), request.params.id, request.body),
  );
  app.put(
    '/posts/:id/allocations',
    {
      schema: {
        tags,
        summary: 'Replace the post’s allocation to centres; shares sum to exactly 1 (admin)',
        params: IdParamsSchema,
        body: AllocationsBodySchema,
        response: { 200: PostSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.setAllocations(ctx(request), request.params.id, request.body),
  );
  app.get(
    '/posts/:id/assignments',
    {
      schema: {
        tags,
        summary: 'People filling the post, with over-assignment and gap warnings (audited read)',
        params: IdParamsSchema,
        response: { 200: AssignmentListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.listAssignments(ctx(request), request.params.id),
  );
  app.post(
    '/posts/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Assign a person to the post for a period (admin)',
        params: IdParamsSchema,
        body: CreateAssignmentBodySchema,
        response: { 201: AssignmentListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createAssignment(ctx(request), request.params.id, request.body)),
  );
  app.delete(
    '/posts/:id/assignments/:assignmentId',
    {
      schema: {
        tags,
        summary: 'Remove an assignment (admin)',
        params: AssignmentParamsSchema,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      await service.deleteAssignment(ctx(request), request.params.id, request.params.assignmentId),
  );
};
