/** A Server-Sent Events client for tests: collects events and waits for the one a test expects. */
export interface SseStream {
  events: { event: string; data: any }[];
  /** The first event (from the start of the stream) named `event` that satisfies `pred`. */
  next(event: string, pred?: (data: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): void;
}

export async function openSse(url: string): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
  if (!res.ok || !res.body) throw new Error(`SSE ${url} answered ${res.status}`);
  const events: SseStream['events'] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) {
            events.push({ event: name, data: JSON.parse(data) });
            for (const w of waiters) w();
          }
        }
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    events,
    next(event, pred = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find((e) => e.event === event && pred(e.data));
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit.data);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no "${event}" event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => abort.abort(),
  };
}
