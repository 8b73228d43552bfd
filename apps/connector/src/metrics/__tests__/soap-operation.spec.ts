import { describe, expect, it } from 'vitest';
import { isQbwcPath, soapOperationLabel } from '../soap-operation.js';

describe('soapOperationLabel', () => {
  it.each([
    ['POST', '/qbwc', '"http://developer.intuit.com/authenticate"', 'authenticate'],
    ['POST', '/soap/', 'http://developer.intuit.com/receiveResponseXML', 'receiveResponseXML'],
    ['POST', '/qbwc', '"http://developer.intuit.com/dropTables"', 'other'],
    ['POST', '/qbwc', undefined, 'other'],
    ['GET', '/qbwc?wsdl', undefined, 'wsdl'],
    ['GET', '/soap', undefined, 'probe'],
  ])('%s %s with SOAPAction %s is %s', (method, url, action, label) => {
    expect(soapOperationLabel(method, url, action)).toBe(label);
  });
});

describe('isQbwcPath', () => {
  it.each([
    ['/qbwc', true],
    ['/SOAP/', true],
    ['/qbwc?wsdl', true],
    ['/qbwc/extra', false],
    ['/metrics', false],
  ])('%s → %s', (url, expected) => {
    expect(isQbwcPath(url)).toBe(expected);
  });
});
