/**
 * The benchmark company's Web Connector identity: the password the service is started with and the owner and file
 * IDs QuickBooks answers. Kept apart from support-bench-app.ts so a client thread can import them without loading
 * the whole connector.
 */
export const BENCH_PASSWORD = 'bench-Pa55word-9c1e7a3f5b';
export const BENCH_OWNER_ID = '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}';
export const BENCH_FILE_ID = '{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}';
