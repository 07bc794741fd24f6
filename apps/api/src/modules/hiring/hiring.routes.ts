import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import {
  ApplicationSchema,
  ApplicationStatusBodySchema,
  ApplicationSummarySchema,
  CandidateUserSchema,
  CreateApplicationBodySchema,
  CreateParticipationBodySchema,
  CreateVacancyBodySchema,
  CriteriaBodySchema,
  DecisionBodySchema,
  DomainError,
  HiringParamsSchema,
  IdParamsSchema,
  MembersBodySchema,
  NewCriteriaVersionBodySchema,
  OkSchema,
  PurgeBodySchema,
  PurgeResultSchema,
  ReasonBodySchema,
  RetentionBodySchema,
  ScorecardBodySchema,
  ScorecardListSchema,
  ScoreMatrixQuerySchema,
  ScoreMatrixSchema,
  ScorecardRevisionBodySchema,
  ScorecardSchema,
  ScreeningBodySchema,
  SelectionRecordSchema,
  SelfDisclosureBodySchema,
  SelfDisclosureSchema,
  UpdateVacancyBodySchema,
  VacancySchema,
  VacancyStatusBodySchema,
  VacancySummarySchema,
} from '@begegnung/domain';
import { ctx, errors, fileResponse } from '../../lib/http.ts';
import * as vacancies from './vacancies.service.ts';
import * as applications from './applications.service.ts';
import * as scorecards from './scorecards.service.ts';
import * as selection from './selection.service.ts';
import { scoreMatrix } from './matrix.service.ts';
import { runPurge } from './purge.service.ts';
import { attachmentHeader } from './pdf-check.ts';
import { selectionPdf } from './selection-pdf.ts';
import { selectionMarkdown } from './selection-markdown.ts';

export const hiringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['hiring'];
  app.addHook('onRequest', app.authenticate);
  // Uploads: one PDF per request, at most 5 MB (checked again, with magic bytes, by the service).
  await app.register(multipart, {
    limits: { fileSize: applications.MAX_DOCUMENT_BYTES, files: 1, fields: 0, parts: 1 },
  });

  // ── Vacancies ──
  app.get(
    '/vacancies',
    {
      schema: {
        tags,
        summary: 'Vacancies: all for HR, assigned ones for panel and oversight',
        response: { 200: Type.Array(VacancySummarySchema), ...errors(401, 403) },
      },
    },
    async (request) => await vacancies.listVacancies(ctx(request)),
  );
  app.post(
    '/vacancies',
    {
      schema: {
        tags,
        summary: 'Create a draft vacancy with criteria version 1 (admin)',
        body: CreateVacancyBodySchema,
        response: { 201: VacancySchema, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await vacancies.createVacancy(ctx(request), request.body)),
  );
  app.get(
    '/vacancies/eligible-members',
    {
      schema: {
        tags,
        summary: 'Users with the panel or oversight role (admin)',
        response: { 200: Type.Array(CandidateUserSchema), ...errors(401, 403) },
      },
    },
    async (request) => await vacancies.eligibleMembers(ctx(request)),
  );
  app.get(
    '/vacancies/:id',
    {
      schema: {
        tags,
        summary: 'One vacancy: advert, criteria version, members, participation, completion',
        params: IdParamsSchema,
        response: { 200: VacancySchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await vacancies.getVacancy(ctx(request), request.params.id),
  );
  app.patch(
    '/vacancies/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft advert (admin)',
        params: IdParamsSchema,
        body: UpdateVacancyBodySchema,
        response: { 200: VacancySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await vacancies.updateVacancy(ctx(request), request.params.id, request.body),
  );
  app.put(
    '/vacancies/:id/criteria',
    {
      schema: {
        tags,
        summary: 'Replace the criteria of the current, not yet frozen version (admin)',
        params: IdParamsSchema,
        body: CriteriaBodySchema,
        response: { 200: VacancySchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      await vacancies.replaceCriteria(ctx(request), request.params.id, request.body.criteria),
  );
  app.post(
    '/vacancies/:id/criteria-versions',
    {
      schema: {
        tags,
        summary: 'New criteria version with a reason; a published advert returns to draft (admin)',
        params: IdParamsSchema,
        body: NewCriteriaVersionBodySchema,
        response: { 201: VacancySchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await vacancies.newCriteriaVersion(ctx(request), request.params.id, request.body)),
  );
  app.post(
    '/vacancies/:id/status',
    {
      schema: {
        tags,
        summary: 'Publish (freezes the criteria), close or abort with a reason (admin)',
        params: IdParamsSchema,
        body: VacancyStatusBodySchema,
        response: { 200: VacancySchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => await vacancies.changeStatus(ctx(request), request.params.id, request.body),
  );
  app.put(
    '/vacancies/:id/members',
    {
      schema: {
        tags,
        summary: 'Assign panel members and oversight users; applicants are excluded (admin)',
        params: IdParamsSchema,
        body: MembersBodySchema,
        response: { 200: VacancySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await vacancies.setMembers(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/vacancies/:id/participations',
    {
      schema: {
        tags,
        summary: 'Record a participation (staff council, equality officer, SBV): HR or that body',
        params: IdParamsSchema,
        body: CreateParticipationBodySchema,
        response: { 201: VacancySchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await vacancies.addParticipation(ctx(request), request.params.id, request.body)),
  );

  // ── Applications ──
  app.get(
    '/vacancies/:id/applications',
    {
      schema: {
        tags,
        summary: 'Applicant overview of a procedure (audited read)',
        params: IdParamsSchema,
        response: { 200: Type.Array(ApplicationSummarySchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await applications.listApplications(ctx(request), request.params.id),
  );
  app.post(
    '/vacancies/:id/applications',
    {
      schema: {
        tags,
        summary: 'Register a received application for a published vacancy (admin)',
        params: IdParamsSchema,
        body: CreateApplicationBodySchema,
        response: { 201: ApplicationSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await applications.createApplication(ctx(request), request.params.id, request.body)),
  );
  app.get(
    '/applications/:id',
    {
      schema: {
        tags,
        summary: 'One application with documents, screening and its evaluation (audited read)',
        params: IdParamsSchema,
        response: { 200: ApplicationSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await applications.getApplication(ctx(request), request.params.id),
  );
  app.post(
    '/applications/:id/status',
    {
      schema: {
        tags,
        summary: 'Move an application along the pipeline; rejections need a reason (admin)',
        params: IdParamsSchema,
        body: ApplicationStatusBodySchema,
        response: { 200: ApplicationSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await applications.changeApplicationStatus(ctx(request), request.params.id, request.body),
  );
  app.put(
    '/applications/:id/screening',
    {
      schema: {
        tags,
        summary:
          'Record screening results per criterion (admin, panel); the evaluation only suggests',
        params: IdParamsSchema,
        body: ScreeningBodySchema,
        response: { 200: ApplicationSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await applications.recordScreening(ctx(request), request.params.id, request.body),
  );
  app.patch(
    '/applications/:id/retention',
    {
      schema: {
        tags,
        summary: 'Rejection sent/received dates, legal hold, talent-pool renewal date (admin)',
        params: IdParamsSchema,
        body: RetentionBodySchema,
        response: { 200: ApplicationSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await applications.setRetention(ctx(request), request.params.id, request.body),
  );
  app.post(
    '/applications/:id/documents',
    {
      schema: {
        tags,
        summary: 'Upload one PDF (multipart/form-data, field "file", at most 5 MB) (admin)',
        consumes: ['multipart/form-data'],
        params: IdParamsSchema,
        response: { 201: ApplicationSchema, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const c = ctx(request);
      if (!request.isMultipart())
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data', 415);
      let file;
      try {
        const part = await request.file();
        if (!part) throw new DomainError('NOT_A_PDF', 'No file was sent', 415);
        const data = await part.toBuffer();
        file = {
          filename: part.filename,
          mimetype: part.mimetype,
          data,
          truncated: part.file.truncated,
        };
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE')
          throw new DomainError('FILE_TOO_LARGE', 'Documents may be at most 5 MB', 413);
        if (e instanceof DomainError) throw e;
        throw new DomainError('VALIDATION_FAILED', 'The upload could not be read', 400);
      }
      return reply.code(201).send(await applications.addDocument(c, request.params.id, file));
    },
  );
  app.get(
    '/applications/:id/documents/:docId',
    {
      schema: {
        tags,
        summary: 'Download one document (admin, panel; audited read)',
        params: HiringParamsSchema,
        produces: ['application/pdf'],
        response: {
          ...fileResponse('application/pdf'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const doc = await applications.getDocument(
        ctx(request),
        request.params.id,
        request.params.docId,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', attachmentHeader(doc.filename))
        .header('x-content-type-options', 'nosniff')
        .send(doc.data);
    },
  );
  app.put(
    '/applications/:id/self-disclosure',
    {
      schema: {
        tags,
        summary: 'Store the applicant’s voluntary, consented self-disclosure apart (admin)',
        params: IdParamsSchema,
        body: SelfDisclosureBodySchema,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await applications.recordSelfDisclosure(ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/applications/:id/self-disclosure',
    {
      schema: {
        tags,
        summary: 'Delete the self-disclosure (consent withdrawn) (admin)',
        params: IdParamsSchema,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await applications.withdrawSelfDisclosure(ctx(request), request.params.id),
  );
  app.post(
    '/applications/:id/self-disclosure/read',
    {
      schema: {
        tags,
        summary: 'Read the self-disclosure with a stated reason (admin; audited with the reason)',
        params: IdParamsSchema,
        body: ReasonBodySchema,
        response: { 200: SelfDisclosureSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      await applications.readSelfDisclosure(ctx(request), request.params.id, request.body.reason),
  );

  // ── Scorecards ──
  app.post(
    '/vacancies/:id/scorecards',
    {
      schema: {
        tags,
        summary: 'Save or submit one’s own scorecard for an invited candidate (panel member)',
        params: IdParamsSchema,
        body: ScorecardBodySchema,
        response: { 200: ScorecardSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      await scorecards.saveScorecard(ctx(request), request.params.id, request.body),
  );
  app.get(
    '/applications/:id/scorecards',
    {
      schema: {
        tags,
        summary: 'Scorecards of a candidate visible to the caller (others after one’s own)',
        params: IdParamsSchema,
        response: { 200: ScorecardListSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await scorecards.listScorecards(ctx(request), request.params.id),
  );
  app.get(
    '/scorecards/:id',
    {
      schema: {
        tags,
        summary: 'One scorecard; another member’s only after submitting one’s own',
        params: IdParamsSchema,
        response: { 200: ScorecardSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await scorecards.getScorecard(ctx(request), request.params.id),
  );
  app.post(
    '/scorecards/:id/revisions',
    {
      schema: {
        tags,
        summary: 'Correct one’s own submitted card as a new, audited revision (panel member)',
        params: IdParamsSchema,
        body: ScorecardRevisionBodySchema,
        response: { 201: ScorecardSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await scorecards.reviseScorecard(ctx(request), request.params.id, request.body)),
  );

  app.get(
    '/vacancies/:id/score-matrix',
    {
      schema: {
        tags,
        summary:
          'Candidate × criterion matrix: panel mean per criterion, weighted total (admin, panel; a member sees a candidate only after submitting their own card)',
        params: IdParamsSchema,
        querystring: ScoreMatrixQuerySchema,
        response: { 200: ScoreMatrixSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await scoreMatrix(ctx(request), request.params.id, request.query.stage),
  );

  // ── Selection record ──
  app.get(
    '/vacancies/:id/selection-record',
    {
      schema: {
        tags,
        summary: 'The selection record (Auswahlvermerk) as data (admin, oversight)',
        params: IdParamsSchema,
        response: { 200: SelectionRecordSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await selection.getSelectionRecord(ctx(request), request.params.id),
  );
  app.put(
    '/vacancies/:id/decision',
    {
      schema: {
        tags,
        summary: 'Record the ranking with a written reason per candidate; decides (admin)',
        params: IdParamsSchema,
        body: DecisionBodySchema,
        response: { 200: SelectionRecordSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await selection.recordDecision(ctx(request), request.params.id, request.body),
  );
  app.get(
    '/vacancies/:id/selection-record.pdf',
    {
      schema: {
        tags,
        summary: 'The selection record as PDF (admin, oversight; audited export)',
        params: IdParamsSchema,
        produces: ['application/pdf'],
        response: {
          ...fileResponse('application/pdf'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await selectionPdf(ctx(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(pdf);
    },
  );
  app.get(
    '/vacancies/:id/selection-record.md',
    {
      schema: {
        tags,
        summary: 'The selection record as Markdown (admin, oversight; audited export)',
        params: IdParamsSchema,
        produces: ['text/markdown'],
        response: {
          ...fileResponse('text/markdown'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { markdown, filename } = await selectionMarkdown(ctx(request), request.params.id);
      return reply
        .type('text/markdown; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(markdown);
    },
  );

  // ── Retention ──
  app.post(
    '/hiring/purge',
    {
      schema: {
        tags,
        summary: 'Run the applicant purge now, or list what it would purge (dryRun) (admin)',
        body: PurgeBodySchema,
        response: { 200: PurgeResultSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await runPurge(ctx(request), request.body.dryRun),
  );
};
