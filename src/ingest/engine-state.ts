// Shared by the PDF reader and the worker without loading the engine: set when an engine was
// discarded, so the worker frees its memory (up to 2 GB) before the next file starts another.
export const engineState = { discarded: false };
