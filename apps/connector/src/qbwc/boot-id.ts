import { randomUUID } from 'node:crypto';

/**
 * Identifies this process's run. A Web Connector session records the boot that last served it; after a crash
 * or restart the next authenticate sees a session of another boot and takes it over at once. Every company
 * app in one process shares it, which is right: they live and die together.
 */
export const BOOT_ID = randomUUID();
