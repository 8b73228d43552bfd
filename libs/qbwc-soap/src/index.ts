export * from './qbwc-operations.constant.js';
export * from './soap-request-error.js';
export * from './parse-soap-request.js';
export * from './build-soap-response.js';
export * from './build-wsdl.js';
export * from './build-qwc.js';
export * from './escape-text.js';
