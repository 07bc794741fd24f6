// The baseline for the write benchmark: Fastify + better-sqlite3 with the same pragmas as the
// app, one route that inserts one row. No auth, no validation, no audit.
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const db = new Database(process.env.DATABASE_PATH);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(
  'create table if not exists bare (id integer primary key, centre_id integer, date text, payload text)',
);
const insert = db.prepare('insert into bare (centre_id, date, payload) values (?, ?, ?)');
const app = Fastify({ logger: false });
app.post('/bare', async (request, reply) => {
  const body = request.body;
  const id = insert.run(body.centreId, body.date, JSON.stringify(body)).lastInsertRowid;
  return reply.code(201).send({ id: Number(id) });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
