import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { embeddedIpv4, isPrivateAddress } from '../private-address';

describe('isPrivateAddress judges IPv6 addresses that carry an IPv4 address by that address', () => {
  it('decodes mapped, translated, compatible, NAT64 and 6to4 addresses', () => {
    const cases: [string, string | null][] = [
      ['::ffff:127.0.0.1', '127.0.0.1'],
      ['::ffff:7f00:1', '127.0.0.1'],
      ['::ffff:0:a00:1', '10.0.0.1'],
      ['::127.0.0.1', '127.0.0.1'],
      ['::a9fe:a9fe', '169.254.169.254'],
      ['64:ff9b::10.0.0.1', '10.0.0.1'],
      ['64:FF9B::7F00:1', '127.0.0.1'],
      ['2002:c0a8:101::1', '192.168.1.1'],
      ['2002:808:808:1:2:3:4:5', '8.8.8.8'],
      ['::', null],
      ['::1', null],
      ['2606:4700:4700::1111', null],
      ['fe80::1', null],
    ];
    for (const [address, v4] of cases) assert.equal(embeddedIpv4(address), v4, address);
  });

  it('refuses what reaches a private IPv4 address, and lets public ones through', () => {
    const cases: [string, boolean][] = [
      ['64:ff9b::7f00:1', true],
      ['64:ff9b::a9fe:a9fe', true],
      ['64:ff9b::808:808', false],
      ['64:ff9b:1::808:808', true],
      ['2002:7f00:1::1', true],
      ['2002:a9fe:a9fe::', true],
      ['2002:808:808::1', false],
      ['::10.1.2.3', true],
      ['::0.0.1.2', true],
      ['::8.8.8.8', false],
      ['::ffff:0:7f00:1', true],
      ['::ffff:169.254.169.254', true],
      ['::ffff:52.12.1.1', false],
      ['::', true],
      ['::1', true],
      ['fd12::1', true],
      ['2606:4700:4700::1111', false],
    ];
    for (const [address, expected] of cases) assert.equal(isPrivateAddress(address), expected, address);
  });
});
