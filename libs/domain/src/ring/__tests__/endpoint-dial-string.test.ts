import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endpointDialString } from '../ring-group-model';

test('each endpoint kind becomes the address the carrier dials', () => {
  assert.equal(endpointDialString({ kind: 'phone', number: '+13125550101' }), '+13125550101');
  assert.equal(
    endpointDialString({ kind: 'sip', uri: 'sip:desk@pbx.example.com' }),
    'sip:desk@pbx.example.com',
  );
  assert.equal(
    endpointDialString({ kind: 'webrtc', username: 'gencred123' }),
    'sip:gencred123@sip.telnyx.com',
  );
});
