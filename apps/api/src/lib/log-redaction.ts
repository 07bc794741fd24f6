/**
 * Query parameters whose values may appear in request logs: ids, dates, paging, enums. Any
 * other value (email, q, names, codes, parameters added later) is written as "[redacted]",
 * so personal data typed into a search never lands in the logs.
 */
const SAFE_QUERY_KEYS = new Set([
  'limit',
  'offset',
  'page',
  'sort',
  'order',
  'from',
  'to',
  'days',
  'year',
  'fromYear',
  'toYear',
  'quarter',
  'centreId',
  'actorId',
  'activityId',
  'vacancyId',
  'scenarioId',
  'action',
  'entityType',
  'status',
  'role',
  'active',
  'mine',
  'lang',
  'locale',
  'dryRun',
]);

/** The URL with every query value not known to be harmless replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key);
      } catch {
        /* keep the raw key */
      }
      return eq < 0 || SAFE_QUERY_KEYS.has(name) ? pair : `${key}=[redacted]`;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** Fastify's request serializer, with the query redacted and no headers (cookies) logged. */
export const requestSerializer = (req: {
  method: string;
  url: string;
  ip?: string;
  hostname?: string;
}) => ({ method: req.method, url: redactUrl(req.url), host: req.hostname, remoteAddress: req.ip });
