import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/**
 * An SMTP sender through nodemailer, or null when no SMTP server is configured (then nothing is
 * ever sent). Short timeouts: a mail server that does not answer must not hold work for long.
 */
export function createMailer(config: MailConfig | null): Mailer | null {
  if (!config) return null;
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
  const options =
    typeof config.transport === 'string'
      ? { url: config.transport, ...timeouts }
      : { ...config.transport, ...timeouts };
  const transport = nodemailer.createTransport(options, { from: config.from });
  return {
    async send(mail) {
      await transport.sendMail({ ...mail, from: config.from });
    },
  };
}
