import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CentreNeedSchema,
  ComparisonQuerySchema,
  ComparisonSchema,
  CopyScenarioBodySchema,
  CostAssumptionSchema,
  CreateCostAssumptionBodySchema,
  CreateScenarioBodySchema,
  IdParamsSchema,
  NeedsBodySchema,
  OkSchema,
  ScenarioLinesBodySchema,
  ScenarioSchema,
  UpdateCostAssumptionBodySchema,
  UpdateScenarioBodySchema,
} from '@begegnung/domain';
import { ctx, errors, fileResponse } from '../../lib/http.ts';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import * as scenarios from './scenarios.service.ts';
import * as comparison from './comparison.service.ts';
import * as costs from './costs.service.ts';

export const scenarioRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['scenarios'];
  app.addHook('onRequest', app.authenticate);

  app.get(
    '/scenarios',
    {
      schema: {
        tags,
        summary: 'All scenarios with their lines (admin, coordinator)',
        response: { 200: Type.Array(ScenarioSchema), ...errors(401, 403) },
      },
    },
    async (request) => await scenarios.listScenarios(ctx(request)),
  );
  app.post(
    '/scenarios',
    {
      schema: {
        tags,
        summary: 'Create a scenario (admin; coordinators create drafts)',
        body: CreateScenarioBodySchema,
        response: { 201: ScenarioSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await scenarios.createScenario(ctx(request), request.body)),
  );
  app.get(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'One scenario (admin, coordinator)',
        params: IdParamsSchema,
        response: { 200: ScenarioSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await scenarios.getScenario(ctx(request), request.params.id),
  );
  app.patch(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary:
          'Change name, source, description or status (admin; coordinators their own drafts)',
        params: IdParamsSchema,
        body: UpdateScenarioBodySchema,
        response: { 200: ScenarioSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await scenarios.updateScenario(ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/scenarios/:id',
    {
      schema: {
        tags,
        summary: 'Delete a scenario that was not seeded (admin; coordinators their own drafts)',
        params: IdParamsSchema,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => await scenarios.deleteScenario(ctx(request), request.params.id),
  );
  app.post(
    '/scenarios/:id/copy',
    {
      schema: {
        tags,
        summary: 'Copy a scenario into a what-if draft owned by the caller (admin, coordinator)',
        params: IdParamsSchema,
        body: CopyScenarioBodySchema,
        response: { 201: ScenarioSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await scenarios.copyScenario(ctx(request), request.params.id, request.body)),
  );
  app.put(
    '/scenarios/:id/lines',
    {
      schema: {
        tags,
        summary: 'Replace the scenario’s posts and their FTE in this scenario (editors only)',
        params: IdParamsSchema,
        body: ScenarioLinesBodySchema,
        response: { 200: ScenarioSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => await scenarios.setLines(ctx(request), request.params.id, request.body),
  );

  app.get(
    '/scenario-comparison',
    {
      schema: {
        tags,
        summary:
          'Scenarios side by side: FTE per centre, cost per budget year (admin, coordinator)',
        querystring: ComparisonQuerySchema,
        response: { 200: ComparisonSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => await comparison.compareScenarios(ctx(request), request.query),
  );
  app.get(
    '/scenario-comparison.csv',
    {
      schema: {
        tags,
        summary: 'The comparison as CSV for Excel (semicolons, decimal comma, UTF-8 with BOM)',
        querystring: ComparisonQuerySchema,
        produces: ['text/csv'],
        response: {
          ...fileResponse('text/csv'),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const csv = await comparison.comparisonCsv(ctx(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="szenarienvergleich.csv"')
        .send(csv);
    },
  );
  app.get(
    '/scenario-comparison.xlsx',
    {
      schema: {
        tags,
        summary:
          'The comparison as an Excel workbook: the CSV’s cells typed (FTE and euros as numbers)',
        querystring: ComparisonQuerySchema,
        produces: [XLSX_TYPE],
        response: {
          ...fileResponse(XLSX_TYPE),
          ...errors(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const xlsx = await comparison.comparisonXlsx(ctx(request), request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="szenarienvergleich.xlsx"')
        .send(xlsx as unknown as string);
    },
  );

  app.get(
    '/staffing/needs',
    {
      schema: {
        tags,
        summary: 'Need figure per centre for the need-weighted split (admin, coordinator)',
        response: { 200: Type.Array(CentreNeedSchema), ...errors(401, 403) },
      },
    },
    async (request) => await comparison.listNeeds(ctx(request)),
  );
  app.put(
    '/staffing/needs',
    {
      schema: {
        tags,
        summary: 'Enter need figures by hand until encounter data exists (admin, coordinator)',
        body: NeedsBodySchema,
        response: { 200: Type.Array(CentreNeedSchema), ...errors(400, 401, 403) },
      },
    },
    async (request) => await comparison.setNeeds(ctx(request), request.body),
  );

  const costTags = ['costs'];
  app.get(
    '/cost-assumptions',
    {
      schema: {
        tags: costTags,
        summary: 'Cost assumptions per pay group and period (admin, coordinator)',
        response: { 200: Type.Array(CostAssumptionSchema), ...errors(401, 403) },
      },
    },
    async (request) => await costs.listCostAssumptions(ctx(request)),
  );
  app.post(
    '/cost-assumptions',
    {
      schema: {
        tags: costTags,
        summary: 'Add a cost assumption (admin)',
        body: CreateCostAssumptionBodySchema,
        response: { 201: CostAssumptionSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await costs.createCostAssumption(ctx(request), request.body)),
  );
  app.patch(
    '/cost-assumptions/:id',
    {
      schema: {
        tags: costTags,
        summary: 'Change a cost assumption or mark it as the city’s own figure (admin)',
        params: IdParamsSchema,
        body: UpdateCostAssumptionBodySchema,
        response: { 200: CostAssumptionSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      await costs.updateCostAssumption(ctx(request), request.params.id, request.body),
  );
};
