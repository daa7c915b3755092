// The package version, inlined by the build; `0.0.0-dev` when run from source.
declare const __AGENTMERGE_VERSION__: string | undefined
export const VERSION: string = typeof __AGENTMERGE_VERSION__ === 'string' ? __AGENTMERGE_VERSION__ : '0.0.0-dev'
