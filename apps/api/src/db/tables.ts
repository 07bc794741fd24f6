import * as sqliteSchema from './schema/index.ts';
import * as pgSchema from './pg-schema/index.ts';
import { onPg } from './engine.ts';

export type * from './schema/index.ts';

/**
 * The table objects repositories query, for the engine this process runs on (engine.ts). Both
 * schemas have the same tables, columns and row types (test/pg-schema.test.ts), so the SQLite
 * declarations type the code and drizzle builds each engine's SQL from its own table objects:
 * booleans, JSON and bigint keys are mapped by the pg columns on PostgreSQL.
 */
const schema = (onPg ? pgSchema : sqliteSchema) as unknown as typeof sqliteSchema;

export const {
  activities,
  applicantSelfDisclosures,
  applicationDocuments,
  applications,
  auditLog,
  auditSubjects,
  centreNeeds,
  centres,
  consentTextReviews,
  consents,
  costAssumptions,
  countedEncounters,
  criteria,
  criteriaSets,
  encounterAttendees,
  encounterDayRollup,
  encounterStaff,
  encounters,
  followUpAttempts,
  followUps,
  groupMembers,
  importedRows,
  importMappings,
  mailDeliveries,
  mailPreferences,
  oidcConfig,
  oidcFlows,
  operators,
  outreachResidue,
  participantTransfers,
  participants,
  participations,
  personMonthRollup,
  postAllocations,
  postAssignments,
  postStatusChanges,
  posts,
  publishedReports,
  recurringGroups,
  referrals,
  reportCorrections,
  scenarioLines,
  scenarios,
  scorecardPeeks,
  scorecards,
  screeningResults,
  selectionRankings,
  sessions,
  settings,
  textSettings,
  userCentres,
  userRoles,
  users,
  vacancies,
  vacancyMembers,
  vacancyPosts,
} = schema;
