import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ConsentParamsSchema,
  CreateParticipantBodySchema,
  CreateReferralBodySchema,
  GiveConsentBodySchema,
  IdParamsSchema,
  OkSchema,
  Page,
  ParticipantListQuerySchema,
  ParticipantSchema,
  ParticipantSummarySchema,
  ReferralSchema,
  TimelineItemSchema,
  TransferParticipantBodySchema,
  UpdateParticipantBodySchema,
} from '@begegnung/domain';
import { ctx, errors } from '../../lib/http.ts';
import * as service from './participants.service.ts';

export const participantRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['participants'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/participants',
    {
      schema: {
        tags,
        summary: 'Participants of the centres you may see (staff: own centres; coordinator: all)',
        querystring: ParticipantListQuerySchema,
        response: { 200: Page(ParticipantSummarySchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.listParticipants(ctx(request), request.query),
  );
  app.post(
    '/participants',
    {
      schema: {
        tags,
        summary:
          'Create a pseudonymous participant (centre staff); 409 POSSIBLE_DUPLICATE as a hint',
        body: CreateParticipantBodySchema,
        response: { 201: ParticipantSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createParticipant(ctx(request), request.body)),
  );
  app.get(
    '/participants/:id',
    {
      schema: {
        tags,
        summary: 'One participant with consents (every view is audited)',
        params: IdParamsSchema,
        response: { 200: ParticipantSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.getParticipant(ctx(request), request.params.id),
  );
  app.patch(
    '/participants/:id',
    {
      schema: {
        tags,
        summary: 'Change a participant (centre staff of their centre)',
        params: IdParamsSchema,
        body: UpdateParticipantBodySchema,
        response: { 200: ParticipantSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      await service.updateParticipant(ctx(request), request.params.id, request.body),
  );
  app.get(
    '/participants/:id/timeline',
    {
      schema: {
        tags,
        summary: 'Encounters, follow-ups, referrals, consent changes and transfers, newest first',
        params: IdParamsSchema,
        response: { 200: Type.Array(TimelineItemSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.getTimeline(ctx(request), request.params.id),
  );
  app.post(
    '/participants/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Hand a participant to another centre when they move (with a reason)',
        params: IdParamsSchema,
        body: TransferParticipantBodySchema,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      await service.transferParticipant(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/participants/:id/consents',
    {
      schema: {
        tags,
        summary: 'Record consent for a purpose (default expiry 12 months)',
        params: IdParamsSchema,
        body: GiveConsentBodySchema,
        response: { 201: ParticipantSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.giveConsent(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/participants/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a consent (named processing stops today)',
        params: ConsentParamsSchema,
        response: { 200: ParticipantSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await service.withdrawConsent(ctx(request), request.params.id, request.params.consentId),
  );
  app.post(
    '/participants/:id/referrals',
    {
      schema: {
        tags,
        summary: 'Refer a participant to another service (needs follow-up consent)',
        params: IdParamsSchema,
        body: CreateReferralBodySchema,
        response: { 201: ReferralSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createReferral(ctx(request), request.params.id, request.body)),
  );
};
