/** Version of this tool; kept equal to package.json's by a unit test. Part of every cache key. */
export declare const TOOL_VERSION = "0.1.0";
