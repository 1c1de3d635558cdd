import { describe, expect, it } from 'vitest';
import {
  BlockedAddressError,
  checkHostLiteral,
  guardedLookup,
  isNonPublicAddress,
} from '../../../jobs/address-guard.js';

describe('address guard', () => {
  it('knows loopback, private, link-local, CGNAT, multicast and reserved addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1',
    ])
      expect(isNonPublicAddress(address), address).toBe(true);
    for (const address of [
      '8.8.8.8',
      '172.32.0.1',
      '93.184.216.34',
      '2606:4700:4700::1111',
      '::ffff:8.8.8.8',
    ])
      expect(isNonPublicAddress(address), address).toBe(false);
    expect(isNonPublicAddress('not-an-ip')).toBe(true);
  });

  it('refuses IP literals unless the source allows private addresses', () => {
    expect(() => checkHostLiteral('127.0.0.1', false)).toThrow(BlockedAddressError);
    expect(() => checkHostLiteral('[::1]', false)).toThrow(/private, loopback or link-local/);
    expect(() => checkHostLiteral('127.0.0.1', true)).not.toThrow();
    expect(() => checkHostLiteral('example.edu', false)).not.toThrow();
  });

  it('resolves names and refuses those with only non-public addresses (checked on the resolved address)', async () => {
    const lookup = (allow: boolean) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((done) =>
        guardedLookup(allow)('localhost', { all: false }, (error, address) => done({ error, address })),
      );
    const denied = await lookup(false);
    expect(denied.error).toBeInstanceOf(BlockedAddressError);
    expect(denied.error?.code).toBe('EBLOCKEDADDRESS');
    const allowed = await lookup(true);
    expect(allowed.error).toBeNull();
    expect(isNonPublicAddress(String(allowed.address))).toBe(true);
  });
});
