// The PostgreSQL baseline for the write benchmark: Fastify + a `pg` pool of the app's default
// size, one route that inserts one row. No auth, no validation, no audit.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(
  'create table if not exists bare (id bigint generated always as identity primary key, centre_id integer, date text, payload text)',
);
const app = Fastify({ logger: false });
app.post('/bare', async (request, reply) => {
  const body = request.body;
  const { rows } = await pool.query(
    'insert into bare (centre_id, date, payload) values ($1, $2, $3) returning id',
    [body.centreId, body.date, JSON.stringify(body)],
  );
  return reply.code(201).send({ id: Number(rows[0].id) });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
