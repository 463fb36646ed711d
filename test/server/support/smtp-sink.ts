// A real SMTP server on 127.0.0.1 (`smtp-server`, nodemailer's own), keeping every message it is
// given, parsed with `mailparser`, for tests to read.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  readonly url: string;
  readonly mails: Mail[];
  /** Recipients answered with a temporary failure (450) while listed. */
  readonly refuse: Set<string>;
  /** Keeps the answer to each RCPT TO for `address` (a delivery "sending") until `release(address)`. */
  hold(address: string): void;
  /** Answers every held RCPT TO for `address` (accepted or refused, as `refuse` then says). */
  release(address: string): void;
  /** Resolves with the first mail (already in or to come) `match` accepts. */
  next(match: (m: Mail) => boolean): Promise<Mail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const waiters: { match: (m: Mail) => boolean; resolve: (m: Mail) => void }[] = [];
  const refuse = new Set<string>();
  const held = new Map<string, (() => void)[]>();
  const release = (address: string) => {
    const waiting = held.get(address) ?? [];
    held.delete(address);
    for (const answer of waiting) answer();
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const answer = () => {
        if (!refuse.has(address.address)) return callback();
        return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 450 }));
      };
      const waiting = held.get(address.address);
      if (waiting) waiting.push(answer);
      else answer();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          const mail: Mail = { to: session.envelope.rcptTo.map((r) => r.address), subject: parsed.subject ?? '', text: parsed.text ?? '', raw, parsed };
          mails.push(mail);
          for (const w of [...waiters]) {
            if (w.match(mail)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    mails,
    refuse,
    hold(address) {
      if (!held.has(address)) held.set(address, []);
    },
    release,
    next(match) {
      const seen = mails.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
    close: () => {
      for (const address of [...held.keys()]) release(address);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
