import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the backend's schema files, never from a running server, so the build needs no
// backend. Each page keeps its operations in .graphql files beside it; the client preset turns
// them into typed documents under src/gql (generated, not committed).
const config: CodegenConfig = {
  schema: '../backend/src/main/resources/graphql/*.graphqls',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: false,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
