// Every test process seals identifiers with a key of its own.
import { randomBytes } from 'node:crypto';
import { configureDataKey } from '../engines/people/sealing.ts';

configureDataKey(randomBytes(32));
