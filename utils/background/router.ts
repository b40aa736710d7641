// Receives every request: checks the sender, validates the payload, runs the handler, and
// always answers with an envelope (never throws across the message boundary).
import { type Envelope, type RequestName, type RequestOf, type Responses, requests } from '@/utils/protocol';
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

export async function dispatch(handlers: Handlers, wire: unknown, sender: Sender, env: RouterEnv): Promise<Envelope<unknown>> {
  const type = typeof wire === 'object' && wire !== null ? (wire as { type?: unknown }).type : undefined;
  if (!isRequestName(type))
    return { ok: false, error: { code: 'unknown-message', message: `Unknown message ${String(type).slice(0, 60)}` } };
  const kind = classifySender(sender, env);
  const { audience, schema } = requests[type];
  if (!kind || (audience === 'extension' && kind !== 'extension')) {
    return { ok: false, error: { code: 'forbidden', message: `${type} is not accepted from this sender` } };
  }
  const parsed = schema.safeParse((wire as { payload?: unknown }).payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      error: { code: 'bad-request', message: `${type}: invalid payload at ${first?.path.join('.') || '(root)'}` },
    };
  }
  try {
    const handler = handlers[type] as (payload: unknown, sender: Sender) => Promise<unknown>;
    return { ok: true, data: await handler(parsed.data, sender) };
  } catch (error) {
    return { ok: false, error: { code: 'failed', message: error instanceof Error ? error.message : String(error) } };
  }
}
