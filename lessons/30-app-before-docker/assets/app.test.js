const test = require('node:test');
const assert = require('node:assert/strict');
const { reply } = require('./app.js');

test('the app greets', () => {
  assert.equal(reply().message, 'Hello from Node');
});
