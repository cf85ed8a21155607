// Checks the API's OpenAPI document and the answers its routes gave, with registry validators: the document
// against the OpenAPI 3.1 schema (@seriousme/openapi-schema-validator), then each recorded answer against the
// response the document declares for its route, method and status (Ajv, JSON Schema 2020-12, as OpenAPI 3.1 uses).
//
// Usage: node openapi-check.mjs DOCUMENT.json ANSWERS.json
// ANSWERS.json: [{ "path": "/api/v1/imports/{id}", "method": "get", "status": 200, "content_type": "...", "body": ... }]
// Prints what fails and exits 1; prints a summary and exits 0 when everything holds.
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [documentPath, answersPath] = process.argv.slice(2);
const document = JSON.parse(readFileSync(documentPath, "utf8"));
const answers = JSON.parse(readFileSync(answersPath, "utf8"));
const failures = [];

const validator = new Validator();
const result = await validator.validate(document);
if (!result.valid) failures.push(`the document is not valid OpenAPI ${document.openapi}: ${JSON.stringify(result.errors)}`);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The components under one id, so each response schema's `$ref: #/components/schemas/X` resolves.
ajv.addSchema({ $id: "doc", components: document.components ?? {} });
const resolve = (schema) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));

for (const answer of answers) {
  const where = `${answer.method.toUpperCase()} ${answer.path} → ${answer.status}`;
  const operation = document.paths?.[answer.path]?.[answer.method];
  if (!operation) {
    failures.push(`${where}: the document has no such operation`);
    continue;
  }
  const response = operation.responses?.[String(answer.status)];
  if (!response) {
    failures.push(`${where}: the document does not declare this status`);
    continue;
  }
  const mediaType = (answer.content_type ?? "").split(";")[0].trim();
  const content = response.content?.[mediaType];
  if (!content) {
    failures.push(`${where}: the document declares no ${mediaType || "(no content type)"} answer`);
    continue;
  }
  const check = ajv.compile(resolve(content.schema ?? {}));
  if (!check(answer.body)) failures.push(`${where}: ${ajv.errorsText(check.errors)}`);
}

const operations = Object.values(document.paths ?? {}).flatMap((item) => Object.keys(item));
if (failures.length > 0) {
  console.error(failures.join("\n"));
  process.exit(1);
}
console.log(`OpenAPI ${document.openapi}: valid; ${answers.length} answers of ${operations.length} operations match it`);
