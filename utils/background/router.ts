// Receives every request: checks the sender, validates the payload, runs the handler, and
// always answers with an envelope (never throws across the message boundary).
import type { Envelope, ErrorCode, RequestName, RequestOf, Responses } from '@/utils/protocol';
import { requests } from '@/utils/protocol-requests';
import { platformOfUrl } from '@/utils/sites/hosts';

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export type Handlers = { [K in RequestName]: (payload: RequestOf<K>, sender: Sender) => Promise<Responses[K]> };

export interface RouterEnv {
  extensionId: string;
  /** e.g. `chrome-extension://<id>/` */
  extensionOrigin: string;
}

export type SenderKind = 'extension' | 'content';

export function classifySender(sender: Sender, env: RouterEnv): SenderKind | null {
  if (sender.id !== env.extensionId || !sender.url) return null;
  if (sender.url.startsWith(env.extensionOrigin)) return 'extension';
  if (sender.tab && platformOfUrl(sender.url)) return 'content';
  return null;
}

const isRequestName = (type: unknown): type is RequestName => typeof type === 'string' && Object.hasOwn(requests, type);

const MAX_ERROR_LENGTH = 300;
/** Errors may quote the payload (an id, a record key): the sender gets a short message, never its megabytes back. */
const refuse = (code: ErrorCode, message: string): Envelope<never> => ({
  ok: false,
  error: { code, message: message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message },
});

export async function dispatch(handlers: Handlers, wire: unknown, sender: Sender, env: RouterEnv): Promise<Envelope<unknown>> {
  const type = typeof wire === 'object' && wire !== null ? (wire as { type?: unknown }).type : undefined;
  if (!isRequestName(type))
    return refuse('unknown-message', `Unknown message ${typeof type === 'string' ? type.slice(0, 60) : typeof type}`);
  const kind = classifySender(sender, env);
  const { audience, schema } = requests[type];
  if (!kind || (audience === 'extension' && kind !== 'extension')) {
    return refuse('forbidden', `${type} is not accepted from this sender`);
  }
  const parsed = schema.safeParse((wire as { payload?: unknown }).payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return refuse('bad-request', `${type}: invalid payload at ${first?.path.join('.') || '(root)'}`);
  }
  try {
    const handler = handlers[type] as (payload: unknown, sender: Sender) => Promise<unknown>;
    return { ok: true, data: await handler(parsed.data, sender) };
  } catch (error) {
    return refuse('failed', error instanceof Error ? error.message : String(error));
  }
}
