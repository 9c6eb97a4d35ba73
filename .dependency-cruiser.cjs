/**
 * The house's boundaries, checked in `npm test` (scripts/test.mjs). Type-only imports count: a
 * boundary crossed by a type is crossed all the same. Tests may reach across (they assemble); a program's fixtures (testing.ts) use another's through its face.
 */
const notTests = '\\.test\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'engines-never-import-programs',
      comment: 'An engine serves every program and knows none: programs register with the engines (indicators, due checks, import kinds, recipients).',
      severity: 'error',
      from: { path: '^src/(engines|db)/', pathNot: notTests },
      to: { path: '^src/programs/' },
    },
    {
      name: 'programs-meet-through-their-face',
      comment: "A program uses another only through that program's index.ts.",
      severity: 'error',
      from: { path: '^src/programs/([^/]+)/', pathNot: notTests },
      to: { path: '^src/programs/[^/]+/', pathNot: ['^src/programs/$1/', '^src/programs/[^/]+/index\\.ts$'] },
    },
    {
      name: 'services-never-import-fastify',
      comment: 'Only route modules and the server speak HTTP; services take and return plain values.',
      severity: 'error',
      from: { path: '^src/(engines|programs)/', pathNot: [notTests, '(^|/)([a-z-]*routes|index|access)\\.ts$'] },
      to: { path: '(^|/)node_modules/(fastify|@fastify/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-never-imports-server-code',
      comment: 'The web app talks to the server over HTTP only (the pure rules in src/shared/ it may use).',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^(src/(server|engines|programs|db|cli|demo|test)/|src/config\\.ts$)' },
    },
    {
      name: 'shared-stands-alone',
      comment: 'src/shared/ holds pure rules the server and the web app both run: it imports neither.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^(src/(server|engines|programs|db|web|cli|demo|test)/|src/config\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
  },
};
