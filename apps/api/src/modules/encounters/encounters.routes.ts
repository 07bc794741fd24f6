import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CentreQuerySchema,
  CorrectEncounterBodySchema,
  CreateEncounterBodySchema,
  EncounterListQuerySchema,
  EncounterSchema,
  EncounterSummarySchema,
  IdParamsSchema,
  Page,
  PossibleDuplicateErrorSchema,
  StaffOptionSchema,
  VoidEncounterBodySchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './encounters.service.ts';

export const encounterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const tags = ['encounters'];

  app.get(
    '/encounters',
    {
      schema: {
        tags,
        summary: 'Encounters, newest first (staff: own centres; coordinator: all)',
        querystring: EncounterListQuerySchema,
        response: { 200: Page(EncounterSummarySchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.listEncounters(ctx(request), request.query),
  );
  app.post(
    '/encounters',
    {
      schema: {
        tags,
        summary:
          'Log an encounter (centre staff). Idempotent per clientRequestId: a repeat answers 200 with the first encounter. A second session in the same slot answers 409 POSSIBLE_DUPLICATE with the existing entry unless confirmDuplicate is true; an entry recording nobody answers 400 EMPTY_ENCOUNTER',
        body: CreateEncounterBodySchema,
        response: {
          201: EncounterSchema,
          200: Type.Object(EncounterSchema.properties, {
            description: 'Repeat of an earlier submission',
          }),
          ...errors(400, 401, 403, 404),
          409: PossibleDuplicateErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { created, encounter } = await service.createEncounter(ctx(request), request.body);
      return reply.code(created ? 201 : 200).send(encounter);
    },
  );
  app.get(
    '/encounters/staff',
    {
      schema: {
        tags,
        summary: 'Staff who can be recorded as present at a centre',
        querystring: CentreQuerySchema,
        response: { 200: Type.Array(StaffOptionSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.staffOptions(ctx(request), request.query.centreId),
  );
  app.get(
    '/encounters/:id',
    {
      schema: {
        tags,
        summary: 'One encounter with named attendees (audited read)',
        params: IdParamsSchema,
        response: { 200: EncounterSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.getEncounter(ctx(request), request.params.id),
  );
  app.patch(
    '/encounters/:id',
    {
      schema: {
        tags,
        summary: 'Correct an encounter within 14 days (its author or a coordinator), with a reason',
        params: IdParamsSchema,
        body: CorrectEncounterBodySchema,
        response: { 200: EncounterSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await service.correctEncounter(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/encounters/:id/void',
    {
      schema: {
        tags,
        summary:
          'Cancel a wrong entry with a reason (its author within 14 days, or a coordinator): kept, audited, left out of every figure',
        params: IdParamsSchema,
        body: VoidEncounterBodySchema,
        response: { 200: EncounterSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.voidEncounter(ctx(request), request.params.id, request.body),
  );
};
