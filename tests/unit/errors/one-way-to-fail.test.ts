import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src-shared/envelope';
import { exitCodeForError, reportUncaught } from '../../../src-main/cli/exit-codes';
import { EXIT } from '../../../src-main/cli/io';
import { asServiceError } from '../../../src-main/errors/as-service-error';
import { errorFromThrown } from '../../../src-main/ipc/registry';
import { MarketDataImportError } from '../../../src-main/pipeline/market-data/import-error';
import { RunSpecError } from '../../../src-main/pipeline/runner/run-spec-loader';
import { SignalFileError } from '../../../src-main/pipeline/strategies/signal-file';
import { ScenarioFileError } from '../../../src-main/pipeline/scenario/load-scenario';
import { BundleUsageError } from '../../../src-main/services/evidence/bundle-checks';
import { ZipRefused } from '../../../src-main/io/zip-reader';
import { ReplayRefused } from '../../../src-main/services/replay/replay-data-file';
import { AuditStoreError } from '../../../src-main/store/audit-store-error';

function systemError(): Error {
  try {
    fs.readdirSync('/definitely/not/here/papertape');
  } catch (err) {
    return err as Error;
  }
  throw new Error('readdirSync of a missing folder did not fail');
}

describe('one way to fail', () => {
  it('every error the product throws on purpose is a ServiceError with a stable code', () => {
    const cases: [Error, string][] = [
      [new RunSpecError('spec.yaml', [{ path: 'lane', at: ['lane'], reason: 'required' }]), 'INVALID_INPUT'],
      [new MarketDataImportError('ticks.csv', 1, 'header must be …'), 'INVALID_INPUT'],
      [new SignalFileError('signals.csv', 2, 'bad cell'), 'INVALID_INPUT'],
      [new ScenarioFileError('s.json', ['steps: required']), 'INVALID_INPUT'],
      [new BundleUsageError('Cannot read x'), 'IO_ERROR'],
      [new ZipRefused('ZIP_REFUSED: overlapping entries'), 'REFUSED'],
      [new ReplayRefused('REPLAY_DATA_MISSING: x'), 'REFUSED'],
    ];
    for (const [err, code] of cases) {
      expect(err).toBeInstanceOf(ServiceError);
      expect(asServiceError(err)).toBe(err);
      expect(errorFromThrown(err)).toMatchObject({ ok: false, error: { code, message: err.message } });
    }
  });

  it('maps the store and the operating system to their codes, and everything else to INTERNAL', () => {
    expect(asServiceError(new AuditStoreError('DISK_FULL', 'append failed: full')).code).toBe('IO_ERROR');
    expect(asServiceError(new AuditStoreError('INVALID_LOG', 'chain broken')).code).toBe('INTEGRITY_FAILURE');
    expect(asServiceError(new AuditStoreError('CONFLICT', 'two writers')).code).toBe('CONFLICT');
    const io = asServiceError(systemError());
    expect(io.code).toBe('IO_ERROR');
    expect(io.message).toMatch(/^ENOENT/);
    expect(asServiceError(new TypeError("Cannot read properties of undefined (reading 'x')")).code).toBe('INTERNAL');
    // Node's own ERR_* codes are programming errors, not I/O.
    expect(asServiceError(Object.assign(new Error('bad arg'), { code: 'ERR_INVALID_ARG_TYPE' })).code).toBe('INTERNAL');
    expect(asServiceError('a thrown string').code).toBe('INTERNAL');
  });

  it('exit codes: 1 a finding, 2 usage or I/O, 70 a bug, and a bug is said to be one', () => {
    expect(exitCodeForError('INTEGRITY_FAILURE')).toBe(EXIT.FINDING);
    for (const code of ['INVALID_INPUT', 'REFUSED', 'IO_ERROR', 'NOT_FOUND', 'CONFLICT', 'UNKNOWN_CALL'] as const) {
      expect(exitCodeForError(code)).toBe(EXIT.USAGE);
    }
    expect(exitCodeForError('INTERNAL')).toBe(70);
    let text = '';
    expect(reportUncaught(new TypeError('x is undefined'), (t) => (text += t))).toBe(70);
    expect(text).toMatch(/^papertape: internal error \(a bug in Papertape, not a problem with your input\)/);
    text = '';
    expect(reportUncaught(systemError(), (t) => (text += t))).toBe(EXIT.USAGE);
    expect(text).toMatch(/^papertape: ENOENT/);
  });
});
