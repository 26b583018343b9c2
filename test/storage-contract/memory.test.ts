/**
 * The storage contract on the in-memory reference adapter.
 */

import { createMemoryStores } from '../../src/storage/index.js';
import { defineStorageContract } from './contract.js';

defineStorageContract('memory', async () => createMemoryStores());
