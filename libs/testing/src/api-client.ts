export interface ApiResponse<Body = any> {
  status: number;
  headers: Headers;
  body: Body;
}

/** The response, when it has the status expected; otherwise a failure saying what was being done and what came back. */
export function expectStatus<Body>(response: ApiResponse<Body>, status: number, doing: string): ApiResponse<Body> {
  if (response.status !== status) throw new Error(`${doing} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response;
}

/** A small HTTP client for tests: JSON in, JSON (or text) out, an optional bearer token. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  request<Body = any>(method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {}): Promise<ApiResponse<Body>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = JSON.stringify(options.body);
    }
    return fetch(`${this.baseUrl}${path}`, { method, headers, body: payload }).then(async (response) => {
      const text = await response.text();
      let body: unknown = text;
      if (text !== '' && /json/.test(response.headers.get('content-type') ?? '')) body = JSON.parse(text);
      return { status: response.status, headers: response.headers, body: body as Body };
    });
  }

  get<Body = any>(path: string, token?: string) {
    return this.request<Body>('GET', path, { token });
  }
  post<Body = any>(path: string, body?: unknown, token?: string) {
    return this.request<Body>('POST', path, { body, token });
  }
  patch<Body = any>(path: string, body?: unknown, token?: string) {
    return this.request<Body>('PATCH', path, { body, token });
  }
  put<Body = any>(path: string, body?: unknown, token?: string) {
    return this.request<Body>('PUT', path, { body, token });
  }
  delete<Body = any>(path: string, token?: string, body?: unknown) {
    return this.request<Body>('DELETE', path, { token, body });
  }
}
