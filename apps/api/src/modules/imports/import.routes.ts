import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CentreQuerySchema,
  IMPORT_MAX_BYTES,
  ImportFileBodySchema,
  ImportMappingQuerySchema,
  ImportResultSchema,
  RejectedRowsBodySchema,
  SavedImportMappingSchema,
} from '@begegnung/domain';
import { ctx, errors, fileResponse } from '../../lib/http.ts';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import * as service from './import.service.ts';

/**
 * The upload is JSON with the file base64-encoded (`content`), beside the centre, kind and
 * mapping: preview, commit and the rejected-rows download take the same body, and one TypeBox
 * schema documents it in OpenAPI. These routes alone accept bodies up to the file limit.
 */
const bodyLimit = Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024;
const rateLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['imports'];
  app.addHook('onRequest', app.authenticate);

  app.post(
    '/imports/preview',
    {
      bodyLimit,
      config: rateLimit,
      schema: {
        tags,
        summary:
          'Read an .xlsx or .csv of participants or sessions and show every row with its problems; nothing is imported (staff of the centre). Refuses files with formulas (IMPORT_FORMULA_REFUSED) or with columns for surname, nationality, ethnic origin, religion or health (IMPORT_SENSITIVE_COLUMN)',
        body: ImportFileBodySchema,
        response: { 200: ImportResultSchema, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => await service.previewImport(ctx(request), request.body),
  );
  app.post(
    '/imports/commit',
    {
      bodyLimit,
      config: rateLimit,
      schema: {
        tags,
        summary:
          'Import the valid rows in one transaction (staff of the centre). Idempotent: rows imported before are skipped as already_imported',
        body: ImportFileBodySchema,
        response: { 200: ImportResultSchema, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request) => await service.commitImport(ctx(request), request.body),
  );
  app.post(
    '/imports/rejected.csv',
    {
      bodyLimit,
      config: rateLimit,
      schema: {
        tags,
        summary: 'The rows that cannot be imported, as in the file, with their reasons (CSV)',
        body: RejectedRowsBodySchema,
        produces: ['text/csv'],
        response: { ...fileResponse('text/csv'), ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="abgelehnte-zeilen.csv"')
        .send(await service.rejectedRowsCsv(ctx(request), request.body)),
  );
  app.get(
    '/imports/mapping',
    {
      schema: {
        tags,
        summary: 'The column mapping saved for a centre and kind (null if none)',
        querystring: ImportMappingQuerySchema,
        response: { 200: SavedImportMappingSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      await service.getMapping(ctx(request), request.query.centreId, request.query.kind),
  );
  app.get(
    '/participants/export.xlsx',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['participants'],
        summary:
          'A centre’s participant list as an Excel workbook in the import’s columns (staff of the centre; audited per person)',
        querystring: CentreQuerySchema,
        produces: [XLSX_TYPE],
        response: { ...fileResponse(XLSX_TYPE), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { fileName, data } = await service.participantsXlsx(
        ctx(request),
        request.query.centreId,
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(data);
    },
  );
};
