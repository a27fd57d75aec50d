// Renderer tests run against a real IndexedDB implementation in memory.
import 'fake-indexeddb/auto';
