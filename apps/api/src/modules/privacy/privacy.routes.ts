import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApplicantErasureSchema,
  ApplicantExportSchema,
  ApplicantMatchSchema,
  ApplicantSearchQuerySchema,
  EraseApplicantBodySchema,
  IdParamsSchema,
  EraseBodySchema,
  ErasurePreviewSchema,
  ErasureResultSchema,
  ParticipantCodeParamsSchema,
  RecordsOfProcessingSchema,
  RetentionPreviewSchema,
  RetentionRunSchema,
  SubjectExportSchema,
} from '@begegnung/domain';
import { ctx, errors, fileResponse } from '../../lib/http.ts';
import * as service from './privacy.service.ts';

/** Data-protection tools: subject access, erasure, retention, record of processing. */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['privacy'];
  const exportLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/privacy/participants/:code/export',
    {
      config: exportLimit,
      schema: {
        tags,
        summary: 'Everything stored about a participant as JSON (GDPR Art. 15/20; audited)',
        params: ParticipantCodeParamsSchema,
        response: { 200: SubjectExportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .header(
          'content-disposition',
          `attachment; filename="auskunft-${request.params.code}.json"`,
        )
        .send(await service.exportSubject(ctx(request), request.params.code)),
  );
  app.get(
    '/privacy/participants/:code/export.pdf',
    {
      config: exportLimit,
      schema: {
        tags,
        summary: 'The same as a readable PDF (audited)',
        params: ParticipantCodeParamsSchema,
        produces: ['application/pdf'],
        response: {
          ...fileResponse('application/pdf'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const pdf = await service.exportSubjectPdf(ctx(request), request.params.code);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="auskunft-${request.params.code}.pdf"`)
        .send(pdf);
    },
  );
  app.get(
    '/privacy/participants/:code/erasure',
    {
      schema: {
        tags,
        summary: 'What erasing this participant would remove (audited read)',
        params: ParticipantCodeParamsSchema,
        response: { 200: ErasurePreviewSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await service.previewErasure(ctx(request), request.params.code),
  );
  app.post(
    '/privacy/participants/:code/erase',
    {
      schema: {
        tags,
        summary:
          'Erase a participant on request (GDPR Art. 17): attendances become anonymous counts',
        params: ParticipantCodeParamsSchema,
        body: EraseBodySchema,
        response: { 200: ErasureResultSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      await service.eraseParticipant(ctx(request), request.params.code, request.body),
  );
  app.get(
    '/privacy/retention',
    {
      schema: {
        tags,
        summary: 'Dry run: participants whose identity the retention rule would erase today',
        response: { 200: RetentionPreviewSchema, ...errors(401, 403) },
      },
    },
    async (request) => await service.retentionPreview(ctx(request)),
  );
  app.post(
    '/privacy/retention/run',
    {
      schema: {
        tags,
        summary: 'Run the retention rules now (they also run daily); idempotent, audited',
        response: { 200: RetentionRunSchema, ...errors(401, 403) },
      },
    },
    async (request) => await service.runRetention(ctx(request)),
  );
  app.get(
    '/privacy/records',
    {
      schema: {
        tags,
        summary: 'Record of processing activities (GDPR Art. 30) from the live configuration',
        response: { 200: RecordsOfProcessingSchema, ...errors(401, 403) },
      },
    },
    async (request) => await service.recordsOfProcessing(ctx(request)),
  );

  app.get(
    '/privacy/applicants',
    {
      schema: {
        tags,
        summary: 'Applications under an email address, for a subject request (audited)',
        querystring: ApplicantSearchQuerySchema,
        response: { 200: Type.Array(ApplicantMatchSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => await service.findApplicants(ctx(request), request.query.email),
  );
  app.get(
    '/privacy/applicants/:id/export',
    {
      config: exportLimit,
      schema: {
        tags,
        summary: 'Everything stored about an applicant as JSON (GDPR Art. 15/20; audited)',
        params: IdParamsSchema,
        response: { 200: ApplicantExportSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .header(
          'content-disposition',
          `attachment; filename="auskunft-bewerbung-${request.params.id}.json"`,
        )
        .send(await service.exportApplicant(ctx(request), request.params.id)),
  );
  app.get(
    '/privacy/applicants/:id/export.pdf',
    {
      config: exportLimit,
      schema: {
        tags,
        summary: 'The same as a readable PDF (audited)',
        params: IdParamsSchema,
        produces: ['application/pdf'],
        response: {
          ...fileResponse('application/pdf'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const pdf = await service.exportApplicantPdf(ctx(request), request.params.id);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="auskunft-bewerbung-${request.params.id}.pdf"`,
        )
        .send(pdf);
    },
  );
  app.post(
    '/privacy/applicants/:id/erase',
    {
      schema: {
        tags,
        summary: 'Anonymise an application on request (GDPR Art. 17); refused under legal hold',
        params: IdParamsSchema,
        body: EraseApplicantBodySchema,
        response: { 200: ApplicantErasureSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await service.eraseApplicant(ctx(request), request.params.id, request.body),
  );
};
