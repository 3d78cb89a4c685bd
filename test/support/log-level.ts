import { configureLogging, logLevels, type LogLevel } from '@cc/core/logger';

// Tests log nothing unless asked: LOG_LEVEL=debug npx vitest run … shows what the code logs.
const asked = process.env.LOG_LEVEL;
configureLogging({ level: logLevels.includes(asked as LogLevel) ? (asked as LogLevel) : 'silent' });
