// Applies and creates Prisma migrations offline, with Prisma's WebAssembly schema engine and the pg driver adapter.
// Prisma's CLI needs a native engine downloaded from Prisma's servers; the wasm engine ships on npm
// (@prisma/schema-engine-wasm, pinned to the exact version matching prisma in package.json).
// The folders and the _prisma_migrations table are the standard ones, so `prisma migrate deploy` stays valid.
// No "server-only": the launcher, scripts and the test harness use this outside Next.
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { createHash, randomUUID } from "node:crypto";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlQueryable,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

const require = createRequire(import.meta.url);

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");
export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");

type WasmModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type SchemaEngine = Awaited<ReturnType<WasmModule["SchemaEngine"]["new"]>>;

let wasmModule: Promise<WasmModule> | undefined;

/** Instantiates the wasm by hand: Node's ESM loader does not import .wasm files without a flag. */
let lastPanic: string | undefined;

function loadWasm(): Promise<WasmModule> {
  wasmModule ??= (async () => {
    // The engine reports Rust panics through this global before throwing.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => {
        lastPanic = message;
      },
    };
    const bindings = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as WasmModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const imports = { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports };
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), imports);
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bindings;
  })();
  return wasmModule;
}

/**
 * The pg adapter factory, with two fixes the migration engine needs: every pool it opens is closed afterwards
 * (the engine does not dispose them, and an open one keeps Prisma's advisory lock), and the shadow database
 * is dropped only after its pool has closed (the stock adapter drops it first and fails).
 */
class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  private readonly open: SqlDriverAdapter[] = [];

  constructor(private readonly config: pg.PoolConfig) {}

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await adapterFor(this.config);
    this.open.push(adapter);
    return adapter;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.adminQuery(`CREATE DATABASE "${name}"`);
    const adapter = await adapterFor({ ...this.config, database: name });
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    this.open.push(adapter);
    return adapter;
  }

  async close(): Promise<void> {
    for (const adapter of this.open.splice(0)) await adapter.dispose().catch(() => undefined);
  }

  private async adminQuery(sql: string): Promise<void> {
    const client = new pg.Client(this.config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
type QueryResultLike = { fields?: { dataTypeID: number }[] };

// SQL text → indexes of its columns of PostgreSQL's one-byte "char" type. Keyed by text: the same query always
// returns the same column types, so concurrent queries cannot confuse it.
const charColumnsBySql = new Map<string, number[]>();

function recordCharColumns<T>(sql: string | undefined, result: T): T {
  const fields = (result as QueryResultLike | undefined)?.fields ?? [];
  const indexes: number[] = [];
  fields.forEach((field, index) => {
    if (field.dataTypeID === PG_CHAR_OID) {
      indexes.push(index);
      field.dataTypeID = PG_TEXT_OID;
    }
  });
  if (sql && indexes.length > 0) charColumnsBySql.set(sql, indexes);
  return result;
}

/**
 * The schema engine reads catalog columns of type "char" (pg_class.relkind, pg_constraint.contype...) and wants
 * them typed as characters, but the pg adapter rejects that type. This client lets them through as text and
 * remembers where they were; withCharColumns() then reports them as characters.
 */
class CharAwareClient extends pg.Client {
  // pg's query has many overloads (promise and callback forms); both are passed through and patched.
  query(...args: unknown[]): never {
    const first = args[0];
    const sql = typeof first === "string" ? first : (first as { text?: string } | undefined)?.text;
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) =>
        (last as (e: unknown, r: unknown) => void)(err, recordCharColumns(sql, res));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then((r) => recordCharColumns(sql, r)) : result) as never;
  }
}

function withCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const index of charColumnsBySql.get(query.sql) ?? []) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    return resultSet;
  };
  return queryable;
}

async function adapterFor(config: pg.PoolConfig): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ ...config, max: 4, Client: CharAwareClient });
  const adapter = withCharColumns(await new PrismaPg(pool, { disposeExternalPool: true }).connect());
  // The adapter splits scripts on every ";", which breaks function bodies ($$ … $$). PostgreSQL runs a whole
  // migration as one simple-protocol query instead, atomically, as `prisma migrate deploy` does.
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => withCharColumns(await startTransaction(isolationLevel));
  return adapter;
}

function poolConfig(databaseUrl: string): pg.PoolConfig {
  // Discrete fields, not connectionString: a URL would override the shadow database's `database`.
  return parseIntoClientConfig(databaseUrl);
}

async function withEngine<T>(databaseUrl: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const wasm = await loadWasm();
  const factory = new MigrationAdapterFactory(poolConfig(databaseUrl));
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const engine = await wasm.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await run(engine);
  } catch (error) {
    if (lastPanic) throw new Error(`schema engine panicked: ${lastPanic}`, { cause: error });
    throw error;
  } finally {
    engine.free();
    await factory.close();
  }
}

function migrationsList() {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR)
        .filter((name) => statSync(path.join(MIGRATIONS_DIR, name)).isDirectory())
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? ({ tag: "ok", value: readFileSync(file, "utf8") } as const)
            : ({ tag: "error", value: "missing migration.sql" } as const),
        },
      };
    }),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every pending migration folder; returns the names just applied. */
/**
 * Whether the database already has every migration folder applied, each with the checksum (SHA-256 of its
 * migration.sql) Prisma recorded, and none failed: then the engine would do nothing, and a restart skips loading
 * it (the WebAssembly engine was the slowest part of a restart's migration step). Any doubt says no.
 */
export async function migrationsUpToDate(databaseUrl: string): Promise<boolean> {
  const { migrationDirectories } = migrationsList();
  const client = new pg.Client(poolConfig(databaseUrl));
  await client.connect();
  try {
    const applied = await client.query<{ migration_name: string; checksum: string; finished: boolean; rolled_back: boolean }>(
      "SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM _prisma_migrations",
    );
    if (applied.rows.some((row) => !row.finished && !row.rolled_back)) return false;
    const checksums = new Map(applied.rows.filter((row) => row.finished && !row.rolled_back).map((row) => [row.migration_name, row.checksum]));
    return migrationDirectories.every(
      ({ path: name, migrationFile }) => migrationFile.content.tag === "ok" && checksums.get(name) === createHash("sha256").update(migrationFile.content.value).digest("hex"),
    );
  } catch {
    return false; // no _prisma_migrations yet: a new database
  } finally {
    await client.end();
  }
}

export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  if (await migrationsUpToDate(databaseUrl)) return [];
  return withEngine(databaseUrl, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: migrationsList(), filters: noFilters });
    return result.appliedMigrationNames;
  });
}

/**
 * SQL that takes the schema the migrations produce to the one in schema.prisma
 * (empty when they already match). Needs a database server for the shadow database.
 */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  return withEngine(databaseUrl, async (engine) => {
    const list = migrationsList();
    const from = list.migrationDirectories.length > 0 ? ({ tag: "migrations", ...list } as const) : ({ tag: "empty" } as const);
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  });
}

export function isEmptyMigration(sql: string): boolean {
  return sql
    .split("\n")
    .map((l) => l.trim())
    .every((l) => l === "" || l.startsWith("--"));
}
