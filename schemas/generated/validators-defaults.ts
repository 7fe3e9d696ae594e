// GENERATED — do not edit; run npm run schemas:types (schemas/scripts/generate-validators.ts)
// ajv validators of the flow format compiled ahead of time (filling in defaults); see the script for why.
/* eslint-disable */
// @ts-nocheck
// prettier-ignore
import * as ns0 from 'ajv/dist/runtime/ucs2length.js';
import * as ns1 from 'ajv-formats/dist/formats.js';
import * as ns2 from 'ajv/dist/runtime/equal.js';
const cjs = (ns) => (ns.default && ns.default.__esModule ? ns.default : ns);
const dep0 = cjs(ns0);
const dep1 = cjs(ns1);
const dep2 = cjs(ns2);
export const flow = validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/flow.schema.json","title":"Flow","description":"One version of a call flow: metadata, an entry node, nodes (steps) and edges (node output → node).","type":"object","additionalProperties":false,"required":["schemaVersion","name","entry","nodes","edges"],"properties":{"schemaVersion":{"const":1,"description":"Version of this format."},"name":{"type":"string","minLength":1,"maxLength":120},"description":{"type":"string","maxLength":2000},"language":{"$ref":"common.schema.json#/$defs/language","default":"fr","description":"Default call language (prompts fall back to it)."},"entry":{"$ref":"#/$defs/nodeId","description":"Id of the first node."},"settings":{"$ref":"#/$defs/settings"},"nodes":{"type":"array","minItems":1,"maxItems":5000,"items":{"$ref":"#/$defs/node"}},"edges":{"type":"array","maxItems":20000,"items":{"$ref":"#/$defs/edge"}},"tests":{"type":"array","maxItems":200,"description":"Test calls saved with the flow (the simulator): each runs before publishing and after every save.","items":{"$ref":"#/$defs/testCase"}}},"$defs":{"nodeId":{"type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$","description":"Node id, unique in the flow."},"settings":{"type":"object","additionalProperties":false,"description":"Runtime settings of the flow.","properties":{"maxSteps":{"type":"integer","minimum":10,"maximum":100000,"default":1000,"description":"Steps a call may take before the loop guard ends it."},"maxStepsNode":{"$ref":"#/$defs/nodeId","description":"Optional node the loop guard jumps to (e.g. a hangup with an apology) instead of hanging up at once."}}},"position":{"type":"object","additionalProperties":false,"required":["x","y"],"properties":{"x":{"type":"number"},"y":{"type":"number"}}},"node":{"type":"object","additionalProperties":false,"required":["id","type","position","config"],"properties":{"id":{"$ref":"#/$defs/nodeId"},"type":{"type":"string","enum":["message","menu","input","hours","queue-group","redirect","voicemail","callback","sms","forbidden-transfer","filter","split","variable","http-request","condition","hangup"],"description":"Step type id."},"position":{"$ref":"#/$defs/position"},"label":{"type":"string","maxLength":120,"description":"Name shown on the canvas and in call paths."},"config":{"type":"object","description":"Step configuration, validated by the step type's schema."}},"allOf":[{"if":{"properties":{"type":{"const":"message"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/message.schema.json"}}}},{"if":{"properties":{"type":{"const":"menu"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/menu.schema.json"}}}},{"if":{"properties":{"type":{"const":"input"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/input.schema.json"}}}},{"if":{"properties":{"type":{"const":"hours"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/hours.schema.json"}}}},{"if":{"properties":{"type":{"const":"queue-group"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/queue-group.schema.json"}}}},{"if":{"properties":{"type":{"const":"redirect"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/redirect.schema.json"}}}},{"if":{"properties":{"type":{"const":"voicemail"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/voicemail.schema.json"}}}},{"if":{"properties":{"type":{"const":"callback"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/callback.schema.json"}}}},{"if":{"properties":{"type":{"const":"sms"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/sms.schema.json"}}}},{"if":{"properties":{"type":{"const":"forbidden-transfer"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/forbidden-transfer.schema.json"}}}},{"if":{"properties":{"type":{"const":"filter"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/filter.schema.json"}}}},{"if":{"properties":{"type":{"const":"split"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/split.schema.json"}}}},{"if":{"properties":{"type":{"const":"variable"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/variable.schema.json"}}}},{"if":{"properties":{"type":{"const":"http-request"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/http-request.schema.json"}}}},{"if":{"properties":{"type":{"const":"condition"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/condition.schema.json"}}}},{"if":{"properties":{"type":{"const":"hangup"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/hangup.schema.json"}}}}]},"edge":{"type":"object","additionalProperties":false,"required":["id","source","sourceOutput","target"],"properties":{"id":{"type":"string","pattern":"^[A-Za-z0-9_:.-]{1,128}$"},"source":{"$ref":"#/$defs/nodeId"},"sourceOutput":{"$ref":"common.schema.json#/$defs/outputId"},"target":{"$ref":"#/$defs/nodeId"}}},"testCase":{"type":"object","additionalProperties":false,"required":["id","name","input","expect"],"description":"A saved test call: what the caller does and what the call must do.","properties":{"id":{"type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$","description":"Case id, unique in the flow."},"name":{"type":"string","minLength":1,"maxLength":120},"input":{"$ref":"#/$defs/testInput"},"expect":{"$ref":"#/$defs/testExpect"}}},"testInput":{"type":"object","additionalProperties":false,"required":["caller","called","at","actions"],"description":"The simulated call: who calls, when, who answers, what the caller does.","properties":{"caller":{"type":["string","null"],"maxLength":32,"description":"Caller's number (E.164 or national); null: hidden."},"called":{"type":"string","maxLength":32,"description":"Number called (E.164)."},"at":{"type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$","description":"Local date and time of the call, YYYY-MM-DDTHH:mm."},"timezone":{"type":"string","minLength":1,"maxLength":64,"description":"IANA time zone of at; default: the organisation's."},"language":{"$ref":"common.schema.json#/$defs/language"},"agents":{"type":"object","maxProperties":500,"description":"Agents' presence overrides by agent id.","additionalProperties":{"type":"string","enum":["available","busy","paused","offline"]}},"answer":{"type":"string","minLength":1,"maxLength":64,"description":"Who picks up: first, nobody, or an agent id."},"talkSeconds":{"type":"integer","minimum":0,"maximum":86400},"actions":{"type":"array","maxItems":500,"items":{"$ref":"#/$defs/testAction"}},"http":{"type":"array","maxItems":100,"items":{"$ref":"#/$defs/testHttpAnswer"}},"seed":{"type":"integer","minimum":-2147483648,"maximum":4294967295}}},"testAction":{"description":"What the caller does when the call waits: keys, silence or hang-up.","oneOf":[{"type":"object","additionalProperties":false,"required":["kind","digits"],"properties":{"kind":{"const":"dtmf"},"digits":{"type":"string","pattern":"^[0-9*#A-Da-d]{1,64}$"}}},{"type":"object","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"silence"}}},{"type":"object","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"hangup"}}}]},"testHttpAnswer":{"type":"object","additionalProperties":false,"required":["nodeId"],"description":"A typed answer of an HTTP request step: a status and body, or a transport error.","properties":{"nodeId":{"$ref":"#/$defs/nodeId"},"status":{"type":"integer","minimum":100,"maximum":599},"body":{"type":"string","maxLength":65536},"error":{"type":"string","enum":["network","timeout","refused"]}}},"testExpect":{"type":"object","additionalProperties":false,"description":"What the call must do; only the fields given are compared.","properties":{"endNodeId":{"type":["string","null"],"maxLength":200,"description":"Node the call ends at."},"outcome":{"type":["string","null"],"enum":["abandoned","cancelled","no_answer","busy","answered",null],"description":"Call outcome as stored."},"visited":{"type":"array","maxItems":1000,"items":{"type":"string","maxLength":200},"description":"Nodes entered, in order."},"variables":{"type":"object","maxProperties":200,"description":"Variables and their final values."}}}}};
const schema33 = {"type":"string","enum":["fr","en"],"description":"Call language."};
const schema34 = {"type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$","description":"Node id, unique in the flow."};
const func1 = Object.prototype.hasOwnProperty;
const func2 = dep0.default;
const pattern4 = new RegExp("^[A-Za-z0-9_-]{1,64}$", "u");
const schema35 = {"type":"object","additionalProperties":false,"description":"Runtime settings of the flow.","properties":{"maxSteps":{"type":"integer","minimum":10,"maximum":100000,"default":1000,"description":"Steps a call may take before the loop guard ends it."},"maxStepsNode":{"$ref":"#/$defs/nodeId","description":"Optional node the loop guard jumps to (e.g. a hangup with an apology) instead of hanging up at once."}}};

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.maxSteps === undefined){
data.maxSteps = 1000;
}
for(const key0 in data){
if(!((key0 === "maxSteps") || (key0 === "maxStepsNode"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.maxSteps;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/maxSteps",schemaPath:"#/properties/maxSteps/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema35.properties.maxSteps.type,parentSchema:schema35.properties.maxSteps,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 100000 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/maxSteps",schemaPath:"#/properties/maxSteps/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema35.properties.maxSteps,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0 < 10 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/maxSteps",schemaPath:"#/properties/maxSteps/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema35.properties.maxSteps,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.maxStepsNode !== undefined){
let data1 = data.maxStepsNode;
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
const err4 = {instancePath:instancePath+"/maxStepsNode",schemaPath:"#/$defs/nodeId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\"",schema:"^[A-Za-z0-9_-]{1,64}$",parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/maxStepsNode",schemaPath:"#/$defs/nodeId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.type,parentSchema:schema35,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema37 = {"type":"object","additionalProperties":false,"required":["id","type","position","config"],"properties":{"id":{"$ref":"#/$defs/nodeId"},"type":{"type":"string","enum":["message","menu","input","hours","queue-group","redirect","voicemail","callback","sms","forbidden-transfer","filter","split","variable","http-request","condition","hangup"],"description":"Step type id."},"position":{"$ref":"#/$defs/position"},"label":{"type":"string","maxLength":120,"description":"Name shown on the canvas and in call paths."},"config":{"type":"object","description":"Step configuration, validated by the step type's schema."}},"allOf":[{"if":{"properties":{"type":{"const":"message"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/message.schema.json"}}}},{"if":{"properties":{"type":{"const":"menu"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/menu.schema.json"}}}},{"if":{"properties":{"type":{"const":"input"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/input.schema.json"}}}},{"if":{"properties":{"type":{"const":"hours"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/hours.schema.json"}}}},{"if":{"properties":{"type":{"const":"queue-group"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/queue-group.schema.json"}}}},{"if":{"properties":{"type":{"const":"redirect"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/redirect.schema.json"}}}},{"if":{"properties":{"type":{"const":"voicemail"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/voicemail.schema.json"}}}},{"if":{"properties":{"type":{"const":"callback"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/callback.schema.json"}}}},{"if":{"properties":{"type":{"const":"sms"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/sms.schema.json"}}}},{"if":{"properties":{"type":{"const":"forbidden-transfer"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/forbidden-transfer.schema.json"}}}},{"if":{"properties":{"type":{"const":"filter"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/filter.schema.json"}}}},{"if":{"properties":{"type":{"const":"split"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/split.schema.json"}}}},{"if":{"properties":{"type":{"const":"variable"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/variable.schema.json"}}}},{"if":{"properties":{"type":{"const":"http-request"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/http-request.schema.json"}}}},{"if":{"properties":{"type":{"const":"condition"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/condition.schema.json"}}}},{"if":{"properties":{"type":{"const":"hangup"}},"required":["type"]},"then":{"properties":{"config":{"$ref":"steps/hangup.schema.json"}}}}]};
const schema107 = {"type":"object","additionalProperties":false,"required":["x","y"],"properties":{"x":{"type":"number"},"y":{"type":"number"}}};
const schema38 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/message.schema.json","title":"Message","description":"Plays a prompt (uploaded sound or text-to-speech in the call language), then continues.","x-title-fr":"Message","x-description-fr":"Diffuse un message (son importé ou synthèse vocale dans la langue de l’appel), puis continue.","x-category":"prompts","x-outputs":{"static":[{"id":"next","label":{"en":"Next","fr":"Suite"},"required":false}]},"type":"object","additionalProperties":false,"required":["prompt"],"properties":{"prompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"What the caller hears."}}};
const schema39 = {"type":"object","additionalProperties":false,"required":["kind"],"description":"What the caller hears: an uploaded sound, or text-to-speech per language.","properties":{"kind":{"type":"string","enum":["sound","tts"],"description":"sound: uploaded sound; tts: text-to-speech."},"soundId":{"$ref":"#/$defs/soundId"},"text":{"$ref":"#/$defs/ttsText"}},"allOf":[{"if":{"properties":{"kind":{"const":"sound"}}},"then":{"required":["soundId"]}},{"if":{"properties":{"kind":{"const":"tts"}}},"then":{"required":["text"]}}]};
const schema40 = {"$ref":"#/$defs/objectId","x-reference":"sounds","description":"An uploaded sound of the organisation."};
const schema41 = {"type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9_-]+$","description":"Identifier of an organisation object."};
const pattern6 = new RegExp("^[A-Za-z0-9_-]+$", "u");

function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate27.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate27.errors = vErrors;
return errors === 0;
}
validate27.evaluated = {"dynamicProps":false,"dynamicItems":false};

const schema42 = {"type":"object","additionalProperties":false,"minProperties":1,"description":"Text to speak per call language; a missing language falls back to the flow's default language.","properties":{"fr":{"$ref":"#/$defs/template","minLength":1,"maxLength":2000},"en":{"$ref":"#/$defs/template","minLength":1,"maxLength":2000}}};
const schema43 = {"type":"string","maxLength":20000,"x-template":true,"description":"Text where {{expression}} is replaced by its value at call time, e.g. {{caller}}."};

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate29.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length < 1){
const err0 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "fr") || (key0 === "en"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.fr !== undefined){
let data0 = data.fr;
if(typeof data0 === "string"){
if(func2(data0) > 20000){
const err2 = {instancePath:instancePath+"/fr",schemaPath:"#/$defs/template/maxLength",keyword:"maxLength",params:{limit: 20000},message:"must NOT have more than 20000 characters",schema:20000,parentSchema:schema43,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/fr",schemaPath:"#/$defs/template/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(typeof data0 === "string"){
if(func2(data0) > 2000){
const err4 = {instancePath:instancePath+"/fr",schemaPath:"#/properties/fr/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema42.properties.fr,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(func2(data0) < 1){
const err5 = {instancePath:instancePath+"/fr",schemaPath:"#/properties/fr/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.fr,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.en !== undefined){
let data1 = data.en;
if(typeof data1 === "string"){
if(func2(data1) > 20000){
const err6 = {instancePath:instancePath+"/en",schemaPath:"#/$defs/template/maxLength",keyword:"maxLength",params:{limit: 20000},message:"must NOT have more than 20000 characters",schema:20000,parentSchema:schema43,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/en",schemaPath:"#/$defs/template/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data1 === "string"){
if(func2(data1) > 2000){
const err8 = {instancePath:instancePath+"/en",schemaPath:"#/properties/en/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema42.properties.en,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(func2(data1) < 1){
const err9 = {instancePath:instancePath+"/en",schemaPath:"#/properties/en/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.en,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}
validate29.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("sound" !== data.kind){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.soundId === undefined){
const err1 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "soundId"},message:"must have required property '"+"soundId"+"'",schema:schema39.allOf[0].then.required,parentSchema:schema39.allOf[0].then,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[0].if,parentSchema:schema39.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs7 = errors;
let valid3 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("tts" !== data.kind){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.text === undefined){
const err4 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'",schema:schema39.allOf[1].then.required,parentSchema:schema39.allOf[1].then,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[1].if,parentSchema:schema39.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema39.required,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "kind") || (key0 === "soundId")) || (key0 === "text"))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.kind.type,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data2 === "sound") || (data2 === "tts"))){
const err9 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema39.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.kind.enum,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.soundId !== undefined){
if(!(validate27(data.soundId, {instancePath:instancePath+"/soundId",parentData:data,parentDataProperty:"soundId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.text !== undefined){
if(!(validate29(data.text, {instancePath:instancePath+"/text",parentData:data,parentDataProperty:"text",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/message.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate25.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.prompt === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "prompt"},message:"must have required property '"+"prompt"+"'",schema:schema38.required,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "prompt")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.prompt !== undefined){
if(!(validate26(data.prompt, {instancePath:instancePath+"/prompt",parentData:data,parentDataProperty:"prompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}
validate25.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema45 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/menu.schema.json","title":"Menu","description":"Plays a prompt and collects one key (0-9, *, #); one output per configured key. Retries with their own prompts, then leaves by timeout or invalid.","x-title-fr":"Menu","x-description-fr":"Diffuse un message et attend une touche (0-9, *, #) ; une sortie par touche configurée. Nouvelles tentatives avec leurs propres messages, puis sortie « sans saisie » ou « touche invalide ».","x-category":"prompts","x-outputs":{"dynamic":{"from":"/keys","idField":"key","labelField":"label","required":false},"static":[{"id":"timeout","label":{"en":"No input","fr":"Sans saisie"},"required":false},{"id":"invalid","label":{"en":"Invalid key","fr":"Touche invalide"},"required":false,"fallback":"timeout"}]},"type":"object","additionalProperties":false,"required":["prompt","keys"],"properties":{"prompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Menu prompt, e.g. \"For sales press 1\"."},"keys":{"type":"array","minItems":1,"maxItems":12,"description":"Keys that lead somewhere; each becomes an output named after the key.","items":{"type":"object","additionalProperties":false,"required":["key"],"properties":{"key":{"$ref":"../common.schema.json#/$defs/dtmfKey"},"label":{"type":"string","maxLength":80,"description":"What the key does, shown on the canvas (e.g. \"Sales\")."}}}},"timeoutSeconds":{"type":"integer","minimum":1,"maximum":60,"default":5,"description":"Seconds to wait for a key after the prompt has finished."},"retries":{"type":"integer","minimum":0,"maximum":5,"default":2,"description":"Extra attempts after a timeout or an invalid key before leaving by `timeout` / `invalid`."},"noInputPrompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Played before a retry when no key was pressed (default: the menu prompt again)."},"invalidPrompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Played before a retry when an unconfigured key was pressed."},"bargeIn":{"type":"boolean","default":true,"description":"A key pressed while the prompt plays is taken at once."}}};
const schema47 = {"type":"string","enum":["0","1","2","3","4","5","6","7","8","9","*","#"],"description":"A telephone keypad key."};

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("sound" !== data.kind){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.soundId === undefined){
const err1 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "soundId"},message:"must have required property '"+"soundId"+"'",schema:schema39.allOf[0].then.required,parentSchema:schema39.allOf[0].then,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[0].if,parentSchema:schema39.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs7 = errors;
let valid3 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("tts" !== data.kind){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.text === undefined){
const err4 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'",schema:schema39.allOf[1].then.required,parentSchema:schema39.allOf[1].then,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[1].if,parentSchema:schema39.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema39.required,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "kind") || (key0 === "soundId")) || (key0 === "text"))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.kind.type,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data2 === "sound") || (data2 === "tts"))){
const err9 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema39.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.kind.enum,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.soundId !== undefined){
if(!(validate27(data.soundId, {instancePath:instancePath+"/soundId",parentData:data,parentDataProperty:"soundId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.text !== undefined){
if(!(validate29(data.text, {instancePath:instancePath+"/text",parentData:data,parentDataProperty:"text",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/menu.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate33.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.timeoutSeconds === undefined){
data.timeoutSeconds = 5;
}
if(data.retries === undefined){
data.retries = 2;
}
if(data.bargeIn === undefined){
data.bargeIn = true;
}
if(data.prompt === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "prompt"},message:"must have required property '"+"prompt"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.keys === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "keys"},message:"must have required property '"+"keys"+"'",schema:schema45.required,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "prompt") || (key0 === "keys")) || (key0 === "timeoutSeconds")) || (key0 === "retries")) || (key0 === "noInputPrompt")) || (key0 === "invalidPrompt")) || (key0 === "bargeIn"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.prompt !== undefined){
if(!(validate34(data.prompt, {instancePath:instancePath+"/prompt",parentData:data,parentDataProperty:"prompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
if(data.keys !== undefined){
let data1 = data.keys;
if(Array.isArray(data1)){
if(data1.length > 12){
const err3 = {instancePath:instancePath+"/keys",schemaPath:"#/properties/keys/maxItems",keyword:"maxItems",params:{limit: 12},message:"must NOT have more than 12 items",schema:12,parentSchema:schema45.properties.keys,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/keys",schemaPath:"#/properties/keys/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema45.properties.keys,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.key === undefined){
const err5 = {instancePath:instancePath+"/keys/" + i0,schemaPath:"#/properties/keys/items/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema45.properties.keys.items.required,parentSchema:schema45.properties.keys.items,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data2){
if(!((key1 === "key") || (key1 === "label"))){
const err6 = {instancePath:instancePath+"/keys/" + i0,schemaPath:"#/properties/keys/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema45.properties.keys.items,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data2.key !== undefined){
let data3 = data2.key;
if(typeof data3 !== "string"){
const err7 = {instancePath:instancePath+"/keys/" + i0+"/key",schemaPath:"../common.schema.json#/$defs/dtmfKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.type,parentSchema:schema47,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!((((((((((((data3 === "0") || (data3 === "1")) || (data3 === "2")) || (data3 === "3")) || (data3 === "4")) || (data3 === "5")) || (data3 === "6")) || (data3 === "7")) || (data3 === "8")) || (data3 === "9")) || (data3 === "*")) || (data3 === "#"))){
const err8 = {instancePath:instancePath+"/keys/" + i0+"/key",schemaPath:"../common.schema.json#/$defs/dtmfKey/enum",keyword:"enum",params:{allowedValues: schema47.enum},message:"must be equal to one of the allowed values",schema:schema47.enum,parentSchema:schema47,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.label !== undefined){
let data4 = data2.label;
if(typeof data4 === "string"){
if(func2(data4) > 80){
const err9 = {instancePath:instancePath+"/keys/" + i0+"/label",schemaPath:"#/properties/keys/items/properties/label/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters",schema:80,parentSchema:schema45.properties.keys.items.properties.label,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/keys/" + i0+"/label",schemaPath:"#/properties/keys/items/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.keys.items.properties.label.type,parentSchema:schema45.properties.keys.items.properties.label,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/keys/" + i0,schemaPath:"#/properties/keys/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.properties.keys.items.type,parentSchema:schema45.properties.keys.items,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/keys",schemaPath:"#/properties/keys/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema45.properties.keys.type,parentSchema:schema45.properties.keys,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
let data5 = data.timeoutSeconds;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err13 = {instancePath:instancePath+"/timeoutSeconds",schemaPath:"#/properties/timeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.properties.timeoutSeconds.type,parentSchema:schema45.properties.timeoutSeconds,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 60 || isNaN(data5)){
const err14 = {instancePath:instancePath+"/timeoutSeconds",schemaPath:"#/properties/timeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 60},message:"must be <= 60",schema:60,parentSchema:schema45.properties.timeoutSeconds,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err15 = {instancePath:instancePath+"/timeoutSeconds",schemaPath:"#/properties/timeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema45.properties.timeoutSeconds,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let data6 = data.retries;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err16 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema45.properties.retries.type,parentSchema:schema45.properties.retries,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 5 || isNaN(data6)){
const err17 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 5},message:"must be <= 5",schema:5,parentSchema:schema45.properties.retries,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data6 < 0 || isNaN(data6)){
const err18 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema45.properties.retries,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.noInputPrompt !== undefined){
if(!(validate34(data.noInputPrompt, {instancePath:instancePath+"/noInputPrompt",parentData:data,parentDataProperty:"noInputPrompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
if(data.invalidPrompt !== undefined){
if(!(validate34(data.invalidPrompt, {instancePath:instancePath+"/invalidPrompt",parentData:data,parentDataProperty:"invalidPrompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
let data9 = data.bargeIn;
if(typeof data9 !== "boolean"){
const err19 = {instancePath:instancePath+"/bargeIn",schemaPath:"#/properties/bargeIn/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema45.properties.bargeIn.type,parentSchema:schema45.properties.bargeIn,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.type,parentSchema:schema45,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate33.errors = vErrors;
return errors === 0;
}
validate33.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema48 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/input.schema.json","title":"Digit input","description":"Collects several digits into a variable (length, terminator key, pattern, timeouts, retries).","x-title-fr":"Saisie","x-description-fr":"Recueille plusieurs chiffres dans une variable (longueur, touche de fin, format, délais, nouvelles tentatives).","x-category":"prompts","x-outputs":{"static":[{"id":"ok","label":{"en":"Valid","fr":"Valide"},"required":true},{"id":"invalid","label":{"en":"Invalid","fr":"Invalide"},"required":false,"fallback":"timeout"},{"id":"timeout","label":{"en":"No input","fr":"Sans saisie"},"required":false}]},"type":"object","additionalProperties":false,"required":["prompt","variable"],"properties":{"prompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Asks for the digits."},"variable":{"$ref":"../common.schema.json#/$defs/variableName","description":"Variable that receives the digits (without the terminator)."},"minLength":{"type":"integer","minimum":1,"maximum":32,"default":1,"description":"Minimum number of digits."},"maxLength":{"type":"integer","minimum":1,"maximum":32,"default":10,"description":"Maximum number of digits; input ends as soon as it is reached."},"terminator":{"type":"string","enum":["#","*","none"],"default":"#","description":"Key that ends the input early (not stored)."},"firstDigitTimeoutSeconds":{"type":"integer","minimum":1,"maximum":60,"default":10,"description":"Seconds to wait for the first digit after the prompt."},"interDigitTimeoutSeconds":{"type":"integer","minimum":1,"maximum":30,"default":5,"description":"Seconds to wait between digits; when it elapses the input ends."},"pattern":{"type":"string","format":"regex","maxLength":200,"description":"Optional regular expression the whole input must match (e.g. ^0[1-9][0-9]{8}$)."},"retries":{"type":"integer","minimum":0,"maximum":5,"default":2,"description":"Extra attempts after a timeout or invalid input."},"noInputPrompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Played before a retry when nothing was typed."},"invalidPrompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Played before a retry when the input is too short/long or does not match the pattern."},"bargeIn":{"type":"boolean","default":true,"description":"Digits typed during the prompt count."},"sensitive":{"type":"boolean","default":false,"description":"Mask the digits in the call path, logs and events (e.g. card numbers)."}}};
const schema50 = {"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]{0,63}$","description":"Call variable name: letters, digits and _, not starting with a digit."};

function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate42.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("sound" !== data.kind){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.soundId === undefined){
const err1 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "soundId"},message:"must have required property '"+"soundId"+"'",schema:schema39.allOf[0].then.required,parentSchema:schema39.allOf[0].then,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[0].if,parentSchema:schema39.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs7 = errors;
let valid3 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("tts" !== data.kind){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.text === undefined){
const err4 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'",schema:schema39.allOf[1].then.required,parentSchema:schema39.allOf[1].then,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[1].if,parentSchema:schema39.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema39.required,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "kind") || (key0 === "soundId")) || (key0 === "text"))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.kind.type,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data2 === "sound") || (data2 === "tts"))){
const err9 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema39.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.kind.enum,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.soundId !== undefined){
if(!(validate27(data.soundId, {instancePath:instancePath+"/soundId",parentData:data,parentDataProperty:"soundId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.text !== undefined){
if(!(validate29(data.text, {instancePath:instancePath+"/text",parentData:data,parentDataProperty:"text",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate42.errors = vErrors;
return errors === 0;
}
validate42.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const pattern7 = new RegExp("^[A-Za-z_][A-Za-z0-9_]{0,63}$", "u");
const formats0 = dep1.fullFormats.regex;

function validate41(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/input.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate41.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.minLength === undefined){
data.minLength = 1;
}
if(data.maxLength === undefined){
data.maxLength = 10;
}
if(data.terminator === undefined){
data.terminator = "#";
}
if(data.firstDigitTimeoutSeconds === undefined){
data.firstDigitTimeoutSeconds = 10;
}
if(data.interDigitTimeoutSeconds === undefined){
data.interDigitTimeoutSeconds = 5;
}
if(data.retries === undefined){
data.retries = 2;
}
if(data.bargeIn === undefined){
data.bargeIn = true;
}
if(data.sensitive === undefined){
data.sensitive = false;
}
if(data.prompt === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "prompt"},message:"must have required property '"+"prompt"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.variable === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "variable"},message:"must have required property '"+"variable"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema48.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.prompt !== undefined){
if(!(validate42(data.prompt, {instancePath:instancePath+"/prompt",parentData:data,parentDataProperty:"prompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
if(data.variable !== undefined){
let data1 = data.variable;
if(typeof data1 === "string"){
if(!pattern7.test(data1)){
const err3 = {instancePath:instancePath+"/variable",schemaPath:"../common.schema.json#/$defs/variableName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]{0,63}$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]{0,63}$",parentSchema:schema50,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/variable",schemaPath:"../common.schema.json#/$defs/variableName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.type,parentSchema:schema50,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let data2 = data.minLength;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/minLength",schemaPath:"#/properties/minLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.minLength.type,parentSchema:schema48.properties.minLength,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 32 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/minLength",schemaPath:"#/properties/minLength/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema48.properties.minLength,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/minLength",schemaPath:"#/properties/minLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema48.properties.minLength,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let data3 = data.maxLength;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err8 = {instancePath:instancePath+"/maxLength",schemaPath:"#/properties/maxLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.maxLength.type,parentSchema:schema48.properties.maxLength,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 32 || isNaN(data3)){
const err9 = {instancePath:instancePath+"/maxLength",schemaPath:"#/properties/maxLength/maximum",keyword:"maximum",params:{comparison: "<=", limit: 32},message:"must be <= 32",schema:32,parentSchema:schema48.properties.maxLength,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/maxLength",schemaPath:"#/properties/maxLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema48.properties.maxLength,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let data4 = data.terminator;
if(typeof data4 !== "string"){
const err11 = {instancePath:instancePath+"/terminator",schemaPath:"#/properties/terminator/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.terminator.type,parentSchema:schema48.properties.terminator,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!(((data4 === "#") || (data4 === "*")) || (data4 === "none"))){
const err12 = {instancePath:instancePath+"/terminator",schemaPath:"#/properties/terminator/enum",keyword:"enum",params:{allowedValues: schema48.properties.terminator.enum},message:"must be equal to one of the allowed values",schema:schema48.properties.terminator.enum,parentSchema:schema48.properties.terminator,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
let data5 = data.firstDigitTimeoutSeconds;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err13 = {instancePath:instancePath+"/firstDigitTimeoutSeconds",schemaPath:"#/properties/firstDigitTimeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.firstDigitTimeoutSeconds.type,parentSchema:schema48.properties.firstDigitTimeoutSeconds,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 60 || isNaN(data5)){
const err14 = {instancePath:instancePath+"/firstDigitTimeoutSeconds",schemaPath:"#/properties/firstDigitTimeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 60},message:"must be <= 60",schema:60,parentSchema:schema48.properties.firstDigitTimeoutSeconds,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err15 = {instancePath:instancePath+"/firstDigitTimeoutSeconds",schemaPath:"#/properties/firstDigitTimeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema48.properties.firstDigitTimeoutSeconds,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let data6 = data.interDigitTimeoutSeconds;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err16 = {instancePath:instancePath+"/interDigitTimeoutSeconds",schemaPath:"#/properties/interDigitTimeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.interDigitTimeoutSeconds.type,parentSchema:schema48.properties.interDigitTimeoutSeconds,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 30 || isNaN(data6)){
const err17 = {instancePath:instancePath+"/interDigitTimeoutSeconds",schemaPath:"#/properties/interDigitTimeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 30},message:"must be <= 30",schema:30,parentSchema:schema48.properties.interDigitTimeoutSeconds,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data6 < 1 || isNaN(data6)){
const err18 = {instancePath:instancePath+"/interDigitTimeoutSeconds",schemaPath:"#/properties/interDigitTimeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema48.properties.interDigitTimeoutSeconds,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.pattern !== undefined){
let data7 = data.pattern;
if(typeof data7 === "string"){
if(func2(data7) > 200){
const err19 = {instancePath:instancePath+"/pattern",schemaPath:"#/properties/pattern/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema48.properties.pattern,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(!(formats0(data7))){
const err20 = {instancePath:instancePath+"/pattern",schemaPath:"#/properties/pattern/format",keyword:"format",params:{format: "regex"},message:"must match format \""+"regex"+"\"",schema:"regex",parentSchema:schema48.properties.pattern,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/pattern",schemaPath:"#/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.pattern.type,parentSchema:schema48.properties.pattern,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data8 = data.retries;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err22 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema48.properties.retries.type,parentSchema:schema48.properties.retries,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 5 || isNaN(data8)){
const err23 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 5},message:"must be <= 5",schema:5,parentSchema:schema48.properties.retries,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data8 < 0 || isNaN(data8)){
const err24 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema48.properties.retries,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.noInputPrompt !== undefined){
if(!(validate42(data.noInputPrompt, {instancePath:instancePath+"/noInputPrompt",parentData:data,parentDataProperty:"noInputPrompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
if(data.invalidPrompt !== undefined){
if(!(validate42(data.invalidPrompt, {instancePath:instancePath+"/invalidPrompt",parentData:data,parentDataProperty:"invalidPrompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
let data11 = data.bargeIn;
if(typeof data11 !== "boolean"){
const err25 = {instancePath:instancePath+"/bargeIn",schemaPath:"#/properties/bargeIn/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.bargeIn.type,parentSchema:schema48.properties.bargeIn,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
let data12 = data.sensitive;
if(typeof data12 !== "boolean"){
const err26 = {instancePath:instancePath+"/sensitive",schemaPath:"#/properties/sensitive/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.sensitive.type,parentSchema:schema48.properties.sensitive,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
validate41.errors = vErrors;
return errors === 0;
}
validate41.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema51 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/hours.schema.json","title":"Business hours","description":"Routes by a business-hours calendar evaluated at call time in its time zone: weekly ranges, dated exceptions and public holidays.","x-title-fr":"Horaires","x-description-fr":"Oriente selon un calendrier d’horaires évalué au moment de l’appel dans son fuseau horaire : plages hebdomadaires, exceptions datées et jours fériés.","x-category":"routing","x-outputs":{"static":[{"id":"open","label":{"en":"Open","fr":"Ouvert"},"required":true},{"id":"closed","label":{"en":"Closed","fr":"Fermé"},"required":true},{"id":"holiday","label":{"en":"Holiday","fr":"Jour férié"},"required":false,"fallback":"closed"}]},"type":"object","additionalProperties":false,"required":["calendarId"],"properties":{"calendarId":{"$ref":"../common.schema.json#/$defs/calendarId","description":"Business-hours calendar to evaluate."}}};
const schema52 = {"$ref":"#/$defs/objectId","x-reference":"calendars","description":"A business-hours calendar of the organisation."};

function validate50(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate50.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate50.errors = vErrors;
return errors === 0;
}
validate50.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate49(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/hours.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate49.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.calendarId === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "calendarId"},message:"must have required property '"+"calendarId"+"'",schema:schema51.required,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "calendarId")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.calendarId !== undefined){
if(!(validate50(data.calendarId, {instancePath:instancePath+"/calendarId",parentData:data,parentDataProperty:"calendarId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate50.errors : vErrors.concat(validate50.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema51.type,parentSchema:schema51,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate49.errors = vErrors;
return errors === 0;
}
validate49.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema54 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/queue-group.schema.json","title":"Queue group","description":"Rings a group of agents (simultaneous, cascade) or holds the caller in a queue until an agent is free. An answered call is bridged and the flow ends there.","x-title-fr":"Groupe","x-description-fr":"Fait sonner un groupe d’agents (simultané, cascade) ou met l’appelant en file d’attente jusqu’à ce qu’un agent soit libre. Un appel répondu est mis en relation et le flux s’arrête là.","x-category":"routing","x-outputs":{"static":[{"id":"no_answer","label":{"en":"No answer","fr":"Non répondu"},"required":true},{"id":"busy","label":{"en":"All busy","fr":"Occupé"},"required":false,"fallback":"no_answer"},{"id":"timeout","label":{"en":"Wait too long","fr":"Attente dépassée"},"required":false,"fallback":"no_answer"},{"id":"full","label":{"en":"Queue full","fr":"File pleine"},"required":false,"fallback":"no_answer"},{"id":"unavailable","label":{"en":"Nobody available","fr":"Personne disponible"},"required":false,"fallback":"no_answer"}]},"type":"object","additionalProperties":false,"required":["groupId"],"properties":{"groupId":{"$ref":"../common.schema.json#/$defs/groupId","description":"Group whose members are rung."},"strategy":{"type":"string","enum":["simultaneous","cascade","queue"],"default":"simultaneous","description":"simultaneous: all available members ring, first to answer wins; cascade: members one after the other in group order; queue: wait with hold music, first come first served, longest waiting caller to the next free agent."},"ringTimeSeconds":{"type":"integer","minimum":5,"maximum":300,"default":20,"description":"Ring time per attempt: per member in cascade (a member's own ring time in the group overrides it), for all members in simultaneous, per offered agent in queue."},"skipBusy":{"type":"boolean","default":true,"description":"Skip members who are busy or unavailable instead of ringing them."},"cascadeRounds":{"type":"integer","minimum":1,"maximum":10,"default":1,"description":"Cascade only: how many times the member list is tried."},"holdMusicSoundId":{"$ref":"../common.schema.json#/$defs/soundId","description":"Music while the caller waits (default: the organisation's hold music)."},"announcePosition":{"type":"boolean","default":true,"description":"Queue only: tell the caller their position in the queue."},"announceIntervalSeconds":{"type":"integer","minimum":15,"maximum":600,"default":60,"description":"Queue only: seconds between position announcements."},"maxWaitSeconds":{"type":"integer","minimum":10,"maximum":7200,"default":300,"description":"Longest time the caller stays in this step before leaving by `timeout`."},"maxQueueSize":{"type":"integer","minimum":1,"maximum":1000,"default":20,"description":"Queue only: callers already waiting beyond which a new caller leaves by `full`."}}};
const schema55 = {"$ref":"#/$defs/objectId","x-reference":"groups","description":"A queue group of the organisation."};

function validate54(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate54.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate54.errors = vErrors;
return errors === 0;
}
validate54.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate56(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate56.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate56.errors = vErrors;
return errors === 0;
}
validate56.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate53(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/queue-group.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate53.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.strategy === undefined){
data.strategy = "simultaneous";
}
if(data.ringTimeSeconds === undefined){
data.ringTimeSeconds = 20;
}
if(data.skipBusy === undefined){
data.skipBusy = true;
}
if(data.cascadeRounds === undefined){
data.cascadeRounds = 1;
}
if(data.announcePosition === undefined){
data.announcePosition = true;
}
if(data.announceIntervalSeconds === undefined){
data.announceIntervalSeconds = 60;
}
if(data.maxWaitSeconds === undefined){
data.maxWaitSeconds = 300;
}
if(data.maxQueueSize === undefined){
data.maxQueueSize = 20;
}
if(data.groupId === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "groupId"},message:"must have required property '"+"groupId"+"'",schema:schema54.required,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema54.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.groupId !== undefined){
if(!(validate54(data.groupId, {instancePath:instancePath+"/groupId",parentData:data,parentDataProperty:"groupId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate54.errors : vErrors.concat(validate54.errors);
errors = vErrors.length;
}
}
let data1 = data.strategy;
if(typeof data1 !== "string"){
const err2 = {instancePath:instancePath+"/strategy",schemaPath:"#/properties/strategy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema54.properties.strategy.type,parentSchema:schema54.properties.strategy,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!(((data1 === "simultaneous") || (data1 === "cascade")) || (data1 === "queue"))){
const err3 = {instancePath:instancePath+"/strategy",schemaPath:"#/properties/strategy/enum",keyword:"enum",params:{allowedValues: schema54.properties.strategy.enum},message:"must be equal to one of the allowed values",schema:schema54.properties.strategy.enum,parentSchema:schema54.properties.strategy,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
let data2 = data.ringTimeSeconds;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err4 = {instancePath:instancePath+"/ringTimeSeconds",schemaPath:"#/properties/ringTimeSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.ringTimeSeconds.type,parentSchema:schema54.properties.ringTimeSeconds,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 300 || isNaN(data2)){
const err5 = {instancePath:instancePath+"/ringTimeSeconds",schemaPath:"#/properties/ringTimeSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 300},message:"must be <= 300",schema:300,parentSchema:schema54.properties.ringTimeSeconds,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data2 < 5 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/ringTimeSeconds",schemaPath:"#/properties/ringTimeSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 5},message:"must be >= 5",schema:5,parentSchema:schema54.properties.ringTimeSeconds,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
let data3 = data.skipBusy;
if(typeof data3 !== "boolean"){
const err7 = {instancePath:instancePath+"/skipBusy",schemaPath:"#/properties/skipBusy/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema54.properties.skipBusy.type,parentSchema:schema54.properties.skipBusy,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
let data4 = data.cascadeRounds;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err8 = {instancePath:instancePath+"/cascadeRounds",schemaPath:"#/properties/cascadeRounds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.cascadeRounds.type,parentSchema:schema54.properties.cascadeRounds,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 10 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/cascadeRounds",schemaPath:"#/properties/cascadeRounds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema54.properties.cascadeRounds,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/cascadeRounds",schemaPath:"#/properties/cascadeRounds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema54.properties.cascadeRounds,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.holdMusicSoundId !== undefined){
if(!(validate56(data.holdMusicSoundId, {instancePath:instancePath+"/holdMusicSoundId",parentData:data,parentDataProperty:"holdMusicSoundId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate56.errors : vErrors.concat(validate56.errors);
errors = vErrors.length;
}
}
let data6 = data.announcePosition;
if(typeof data6 !== "boolean"){
const err11 = {instancePath:instancePath+"/announcePosition",schemaPath:"#/properties/announcePosition/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema54.properties.announcePosition.type,parentSchema:schema54.properties.announcePosition,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
let data7 = data.announceIntervalSeconds;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err12 = {instancePath:instancePath+"/announceIntervalSeconds",schemaPath:"#/properties/announceIntervalSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.announceIntervalSeconds.type,parentSchema:schema54.properties.announceIntervalSeconds,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 600 || isNaN(data7)){
const err13 = {instancePath:instancePath+"/announceIntervalSeconds",schemaPath:"#/properties/announceIntervalSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600},message:"must be <= 600",schema:600,parentSchema:schema54.properties.announceIntervalSeconds,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data7 < 15 || isNaN(data7)){
const err14 = {instancePath:instancePath+"/announceIntervalSeconds",schemaPath:"#/properties/announceIntervalSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 15},message:"must be >= 15",schema:15,parentSchema:schema54.properties.announceIntervalSeconds,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
let data8 = data.maxWaitSeconds;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err15 = {instancePath:instancePath+"/maxWaitSeconds",schemaPath:"#/properties/maxWaitSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.maxWaitSeconds.type,parentSchema:schema54.properties.maxWaitSeconds,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 7200 || isNaN(data8)){
const err16 = {instancePath:instancePath+"/maxWaitSeconds",schemaPath:"#/properties/maxWaitSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 7200},message:"must be <= 7200",schema:7200,parentSchema:schema54.properties.maxWaitSeconds,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data8 < 10 || isNaN(data8)){
const err17 = {instancePath:instancePath+"/maxWaitSeconds",schemaPath:"#/properties/maxWaitSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 10},message:"must be >= 10",schema:10,parentSchema:schema54.properties.maxWaitSeconds,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
let data9 = data.maxQueueSize;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err18 = {instancePath:instancePath+"/maxQueueSize",schemaPath:"#/properties/maxQueueSize/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema54.properties.maxQueueSize.type,parentSchema:schema54.properties.maxQueueSize,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 1000 || isNaN(data9)){
const err19 = {instancePath:instancePath+"/maxQueueSize",schemaPath:"#/properties/maxQueueSize/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema54.properties.maxQueueSize,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data9 < 1 || isNaN(data9)){
const err20 = {instancePath:instancePath+"/maxQueueSize",schemaPath:"#/properties/maxQueueSize/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema54.properties.maxQueueSize,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate53.errors = vErrors;
return errors === 0;
}
validate53.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema59 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/redirect.schema.json","title":"Redirect","description":"Sends the call to an agent, a group (all available members at once), another flow, or an external number (checked against the call's transfer policy).","x-title-fr":"Redirection","x-description-fr":"Envoie l’appel vers un agent, un groupe (tous les membres disponibles en même temps), un autre flux ou un numéro externe (contrôlé par la politique de transfert de l’appel).","x-category":"routing","x-outputs":{"static":[{"id":"no_answer","label":{"en":"No answer","fr":"Non répondu"},"required":true,"when":{"pointer":"/target/kind","in":["agent","group","external"]}},{"id":"busy","label":{"en":"Busy","fr":"Occupé"},"required":false,"fallback":"no_answer","when":{"pointer":"/target/kind","in":["agent","group","external"]}},{"id":"failed","label":{"en":"Failed","fr":"Échec"},"required":false,"fallback":"no_answer"},{"id":"forbidden","label":{"en":"Forbidden","fr":"Interdit"},"required":false,"fallback":"failed","when":{"pointer":"/target/kind","in":["external"]}}]},"type":"object","additionalProperties":false,"required":["target"],"properties":{"target":{"type":"object","additionalProperties":false,"required":["kind"],"description":"Where the call goes.","properties":{"kind":{"type":"string","enum":["agent","group","flow","external"],"description":"agent, group, flow or external number."},"agentId":{"$ref":"../common.schema.json#/$defs/agentId"},"groupId":{"$ref":"../common.schema.json#/$defs/groupId"},"flowId":{"$ref":"../common.schema.json#/$defs/flowId"},"number":{"$ref":"../common.schema.json#/$defs/dialledNumber","description":"External number, E.164 (+33123456789) or as written (01 23 45 67 89); dialled in E.164."}},"allOf":[{"if":{"properties":{"kind":{"const":"agent"}}},"then":{"required":["agentId"]}},{"if":{"properties":{"kind":{"const":"group"}}},"then":{"required":["groupId"]}},{"if":{"properties":{"kind":{"const":"flow"}}},"then":{"required":["flowId"]}},{"if":{"properties":{"kind":{"const":"external"}}},"then":{"required":["number"]}}]},"ringTimeoutSeconds":{"type":"integer","minimum":5,"maximum":300,"default":30,"description":"How long the target rings before `no_answer`."}}};
const schema66 = {"type":"string","maxLength":32,"pattern":"^\\+?[0-9][0-9 .()/-]*[0-9]$","description":"A number to dial: E.164 (+33123456789) or as written (+33 (0)1 23 45 67 89, 01 23 45 67 89, 0033…); dialled and judged in its canonical E.164 form (flow-runtime/numbers)."};
const schema60 = {"$ref":"#/$defs/objectId","x-reference":"agents","description":"An agent of the organisation."};

function validate60(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate60.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate60.errors = vErrors;
return errors === 0;
}
validate60.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate62(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate62.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate62.errors = vErrors;
return errors === 0;
}
validate62.evaluated = {"dynamicProps":false,"dynamicItems":false};

const schema64 = {"$ref":"#/$defs/objectId","x-reference":"flows","description":"Another flow of the organisation."};

function validate64(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate64.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate64.errors = vErrors;
return errors === 0;
}
validate64.evaluated = {"dynamicProps":false,"dynamicItems":false};

const pattern14 = new RegExp("^\\+?[0-9][0-9 .()/-]*[0-9]$", "u");

function validate59(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/redirect.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate59.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.ringTimeoutSeconds === undefined){
data.ringTimeoutSeconds = 30;
}
if(data.target === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:schema59.required,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "target") || (key0 === "ringTimeoutSeconds"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.target !== undefined){
let data0 = data.target;
const _errs9 = errors;
let valid2 = true;
const _errs10 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.kind !== undefined){
if("agent" !== data0.kind){
const err2 = {};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
var _valid0 = _errs10 === errors;
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs12 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.agentId === undefined){
const err3 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/allOf/0/then/required",keyword:"required",params:{missingProperty: "agentId"},message:"must have required property '"+"agentId"+"'",schema:schema59.properties.target.allOf[0].then.required,parentSchema:schema59.properties.target.allOf[0].then,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid0 = _errs12 === errors;
valid2 = _valid0;
}
if(!valid2){
const err4 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema59.properties.target.allOf[0].if,parentSchema:schema59.properties.target.allOf[0],data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const _errs14 = errors;
let valid4 = true;
const _errs15 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.kind !== undefined){
if("group" !== data0.kind){
const err5 = {};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
var _valid1 = _errs15 === errors;
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs17 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.groupId === undefined){
const err6 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/allOf/1/then/required",keyword:"required",params:{missingProperty: "groupId"},message:"must have required property '"+"groupId"+"'",schema:schema59.properties.target.allOf[1].then.required,parentSchema:schema59.properties.target.allOf[1].then,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
var _valid1 = _errs17 === errors;
valid4 = _valid1;
}
if(!valid4){
const err7 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema59.properties.target.allOf[1].if,parentSchema:schema59.properties.target.allOf[1],data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const _errs19 = errors;
let valid6 = true;
const _errs20 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.kind !== undefined){
if("flow" !== data0.kind){
const err8 = {};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
var _valid2 = _errs20 === errors;
errors = _errs19;
if(vErrors !== null){
if(_errs19){
vErrors.length = _errs19;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs22 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.flowId === undefined){
const err9 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/allOf/2/then/required",keyword:"required",params:{missingProperty: "flowId"},message:"must have required property '"+"flowId"+"'",schema:schema59.properties.target.allOf[2].then.required,parentSchema:schema59.properties.target.allOf[2].then,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
var _valid2 = _errs22 === errors;
valid6 = _valid2;
}
if(!valid6){
const err10 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema59.properties.target.allOf[2].if,parentSchema:schema59.properties.target.allOf[2],data:data0};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const _errs24 = errors;
let valid8 = true;
const _errs25 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.kind !== undefined){
if("external" !== data0.kind){
const err11 = {};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
var _valid3 = _errs25 === errors;
errors = _errs24;
if(vErrors !== null){
if(_errs24){
vErrors.length = _errs24;
}
else {
vErrors = null;
}
}
if(_valid3){
const _errs27 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.number === undefined){
const err12 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/allOf/3/then/required",keyword:"required",params:{missingProperty: "number"},message:"must have required property '"+"number"+"'",schema:schema59.properties.target.allOf[3].then.required,parentSchema:schema59.properties.target.allOf[3].then,data:data0};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
var _valid3 = _errs27 === errors;
valid8 = _valid3;
}
if(!valid8){
const err13 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema59.properties.target.allOf[3].if,parentSchema:schema59.properties.target.allOf[3],data:data0};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.kind === undefined){
const err14 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema59.properties.target.required,parentSchema:schema59.properties.target,data:data0};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key1 in data0){
if(!(((((key1 === "kind") || (key1 === "agentId")) || (key1 === "groupId")) || (key1 === "flowId")) || (key1 === "number"))){
const err15 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema59.properties.target,data:data0};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data0.kind !== undefined){
let data5 = data0.kind;
if(typeof data5 !== "string"){
const err16 = {instancePath:instancePath+"/target/kind",schemaPath:"#/properties/target/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.properties.target.properties.kind.type,parentSchema:schema59.properties.target.properties.kind,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!((((data5 === "agent") || (data5 === "group")) || (data5 === "flow")) || (data5 === "external"))){
const err17 = {instancePath:instancePath+"/target/kind",schemaPath:"#/properties/target/properties/kind/enum",keyword:"enum",params:{allowedValues: schema59.properties.target.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema59.properties.target.properties.kind.enum,parentSchema:schema59.properties.target.properties.kind,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data0.agentId !== undefined){
if(!(validate60(data0.agentId, {instancePath:instancePath+"/target/agentId",parentData:data0,parentDataProperty:"agentId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate60.errors : vErrors.concat(validate60.errors);
errors = vErrors.length;
}
}
if(data0.groupId !== undefined){
if(!(validate62(data0.groupId, {instancePath:instancePath+"/target/groupId",parentData:data0,parentDataProperty:"groupId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
}
if(data0.flowId !== undefined){
if(!(validate64(data0.flowId, {instancePath:instancePath+"/target/flowId",parentData:data0,parentDataProperty:"flowId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate64.errors : vErrors.concat(validate64.errors);
errors = vErrors.length;
}
}
if(data0.number !== undefined){
let data9 = data0.number;
if(typeof data9 === "string"){
if(func2(data9) > 32){
const err18 = {instancePath:instancePath+"/target/number",schemaPath:"../common.schema.json#/$defs/dialledNumber/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema66,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!pattern14.test(data9)){
const err19 = {instancePath:instancePath+"/target/number",schemaPath:"../common.schema.json#/$defs/dialledNumber/pattern",keyword:"pattern",params:{pattern: "^\\+?[0-9][0-9 .()/-]*[0-9]$"},message:"must match pattern \""+"^\\+?[0-9][0-9 .()/-]*[0-9]$"+"\"",schema:"^\\+?[0-9][0-9 .()/-]*[0-9]$",parentSchema:schema66,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/target/number",schemaPath:"../common.schema.json#/$defs/dialledNumber/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema66.type,parentSchema:schema66,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema59.properties.target.type,parentSchema:schema59.properties.target,data:data0};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data10 = data.ringTimeoutSeconds;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err22 = {instancePath:instancePath+"/ringTimeoutSeconds",schemaPath:"#/properties/ringTimeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema59.properties.ringTimeoutSeconds.type,parentSchema:schema59.properties.ringTimeoutSeconds,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 300 || isNaN(data10)){
const err23 = {instancePath:instancePath+"/ringTimeoutSeconds",schemaPath:"#/properties/ringTimeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 300},message:"must be <= 300",schema:300,parentSchema:schema59.properties.ringTimeoutSeconds,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data10 < 5 || isNaN(data10)){
const err24 = {instancePath:instancePath+"/ringTimeoutSeconds",schemaPath:"#/properties/ringTimeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 5},message:"must be >= 5",schema:5,parentSchema:schema59.properties.ringTimeoutSeconds,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema59.type,parentSchema:schema59,data};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
validate59.errors = vErrors;
return errors === 0;
}
validate59.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema67 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/voicemail.schema.json","title":"Voicemail","description":"Greeting, beep, then records the caller to an agent's or a group's mailbox until a key, silence or the maximum length.","x-title-fr":"Messagerie","x-description-fr":"Annonce, bip, puis enregistre l’appelant dans la messagerie d’un agent ou d’un groupe jusqu’à une touche, un silence ou la durée maximale.","x-category":"actions","x-outputs":{"static":[{"id":"next","label":{"en":"Next","fr":"Suite"},"required":true,"when":{"pointer":"/afterRecording","in":["next"]}}]},"type":"object","additionalProperties":false,"required":["mailbox"],"properties":{"greeting":{"$ref":"../common.schema.json#/$defs/prompt","description":"Played before the beep."},"beep":{"type":"boolean","default":true,"description":"Play a beep before recording."},"mailbox":{"type":"object","additionalProperties":false,"required":["kind"],"description":"Whose mailbox receives the recording.","properties":{"kind":{"type":"string","enum":["agent","group"],"description":"agent or group mailbox."},"agentId":{"$ref":"../common.schema.json#/$defs/agentId"},"groupId":{"$ref":"../common.schema.json#/$defs/groupId"}},"allOf":[{"if":{"properties":{"kind":{"const":"agent"}}},"then":{"required":["agentId"]}},{"if":{"properties":{"kind":{"const":"group"}}},"then":{"required":["groupId"]}}]},"maxLengthSeconds":{"type":"integer","minimum":5,"maximum":600,"default":120,"description":"Longest recording."},"finishKey":{"type":"string","enum":["#","*","any","none"],"default":"#","description":"Key that ends the recording."},"silenceSeconds":{"type":"integer","minimum":2,"maximum":30,"default":5,"description":"Seconds of silence that end the recording."},"afterRecording":{"type":"string","enum":["hangup","next"],"default":"hangup","description":"hangup: thank and hang up; next: continue by the `next` output."}}};

function validate68(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate68.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("sound" !== data.kind){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.soundId === undefined){
const err1 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "soundId"},message:"must have required property '"+"soundId"+"'",schema:schema39.allOf[0].then.required,parentSchema:schema39.allOf[0].then,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[0].if,parentSchema:schema39.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs7 = errors;
let valid3 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("tts" !== data.kind){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.text === undefined){
const err4 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'",schema:schema39.allOf[1].then.required,parentSchema:schema39.allOf[1].then,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[1].if,parentSchema:schema39.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema39.required,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "kind") || (key0 === "soundId")) || (key0 === "text"))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.kind.type,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data2 === "sound") || (data2 === "tts"))){
const err9 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema39.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.kind.enum,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.soundId !== undefined){
if(!(validate27(data.soundId, {instancePath:instancePath+"/soundId",parentData:data,parentDataProperty:"soundId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.text !== undefined){
if(!(validate29(data.text, {instancePath:instancePath+"/text",parentData:data,parentDataProperty:"text",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate68.errors = vErrors;
return errors === 0;
}
validate68.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate72(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate72.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate72.errors = vErrors;
return errors === 0;
}
validate72.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate74(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate74.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate74.errors = vErrors;
return errors === 0;
}
validate74.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate67(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/voicemail.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate67.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.beep === undefined){
data.beep = true;
}
if(data.maxLengthSeconds === undefined){
data.maxLengthSeconds = 120;
}
if(data.finishKey === undefined){
data.finishKey = "#";
}
if(data.silenceSeconds === undefined){
data.silenceSeconds = 5;
}
if(data.afterRecording === undefined){
data.afterRecording = "hangup";
}
if(data.mailbox === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "mailbox"},message:"must have required property '"+"mailbox"+"'",schema:schema67.required,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "greeting") || (key0 === "beep")) || (key0 === "mailbox")) || (key0 === "maxLengthSeconds")) || (key0 === "finishKey")) || (key0 === "silenceSeconds")) || (key0 === "afterRecording"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.greeting !== undefined){
if(!(validate68(data.greeting, {instancePath:instancePath+"/greeting",parentData:data,parentDataProperty:"greeting",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate68.errors : vErrors.concat(validate68.errors);
errors = vErrors.length;
}
}
let data1 = data.beep;
if(typeof data1 !== "boolean"){
const err2 = {instancePath:instancePath+"/beep",schemaPath:"#/properties/beep/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema67.properties.beep.type,parentSchema:schema67.properties.beep,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.mailbox !== undefined){
let data2 = data.mailbox;
const _errs12 = errors;
let valid2 = true;
const _errs13 = errors;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.kind !== undefined){
if("agent" !== data2.kind){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
var _valid0 = _errs13 === errors;
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs15 = errors;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.agentId === undefined){
const err4 = {instancePath:instancePath+"/mailbox",schemaPath:"#/properties/mailbox/allOf/0/then/required",keyword:"required",params:{missingProperty: "agentId"},message:"must have required property '"+"agentId"+"'",schema:schema67.properties.mailbox.allOf[0].then.required,parentSchema:schema67.properties.mailbox.allOf[0].then,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs15 === errors;
valid2 = _valid0;
}
if(!valid2){
const err5 = {instancePath:instancePath+"/mailbox",schemaPath:"#/properties/mailbox/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema67.properties.mailbox.allOf[0].if,parentSchema:schema67.properties.mailbox.allOf[0],data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const _errs17 = errors;
let valid4 = true;
const _errs18 = errors;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.kind !== undefined){
if("group" !== data2.kind){
const err6 = {};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
var _valid1 = _errs18 === errors;
errors = _errs17;
if(vErrors !== null){
if(_errs17){
vErrors.length = _errs17;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs20 = errors;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.groupId === undefined){
const err7 = {instancePath:instancePath+"/mailbox",schemaPath:"#/properties/mailbox/allOf/1/then/required",keyword:"required",params:{missingProperty: "groupId"},message:"must have required property '"+"groupId"+"'",schema:schema67.properties.mailbox.allOf[1].then.required,parentSchema:schema67.properties.mailbox.allOf[1].then,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
var _valid1 = _errs20 === errors;
valid4 = _valid1;
}
if(!valid4){
const err8 = {instancePath:instancePath+"/mailbox",schemaPath:"#/properties/mailbox/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema67.properties.mailbox.allOf[1].if,parentSchema:schema67.properties.mailbox.allOf[1],data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.kind === undefined){
const err9 = {instancePath:instancePath+"/mailbox",schemaPath:"#/properties/mailbox/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema67.properties.mailbox.required,parentSchema:schema67.properties.mailbox,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data2){
if(!(((key1 === "kind") || (key1 === "agentId")) || (key1 === "groupId"))){
const err10 = {instancePath:instancePath+"/mailbox",schemaPath:"#/properties/mailbox/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema67.properties.mailbox,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.kind !== undefined){
let data5 = data2.kind;
if(typeof data5 !== "string"){
const err11 = {instancePath:instancePath+"/mailbox/kind",schemaPath:"#/properties/mailbox/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema67.properties.mailbox.properties.kind.type,parentSchema:schema67.properties.mailbox.properties.kind,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!((data5 === "agent") || (data5 === "group"))){
const err12 = {instancePath:instancePath+"/mailbox/kind",schemaPath:"#/properties/mailbox/properties/kind/enum",keyword:"enum",params:{allowedValues: schema67.properties.mailbox.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema67.properties.mailbox.properties.kind.enum,parentSchema:schema67.properties.mailbox.properties.kind,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data2.agentId !== undefined){
if(!(validate72(data2.agentId, {instancePath:instancePath+"/mailbox/agentId",parentData:data2,parentDataProperty:"agentId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate72.errors : vErrors.concat(validate72.errors);
errors = vErrors.length;
}
}
if(data2.groupId !== undefined){
if(!(validate74(data2.groupId, {instancePath:instancePath+"/mailbox/groupId",parentData:data2,parentDataProperty:"groupId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate74.errors : vErrors.concat(validate74.errors);
errors = vErrors.length;
}
}
}
else {
const err13 = {instancePath:instancePath+"/mailbox",schemaPath:"#/properties/mailbox/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.properties.mailbox.type,parentSchema:schema67.properties.mailbox,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
let data8 = data.maxLengthSeconds;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err14 = {instancePath:instancePath+"/maxLengthSeconds",schemaPath:"#/properties/maxLengthSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema67.properties.maxLengthSeconds.type,parentSchema:schema67.properties.maxLengthSeconds,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 600 || isNaN(data8)){
const err15 = {instancePath:instancePath+"/maxLengthSeconds",schemaPath:"#/properties/maxLengthSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600},message:"must be <= 600",schema:600,parentSchema:schema67.properties.maxLengthSeconds,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data8 < 5 || isNaN(data8)){
const err16 = {instancePath:instancePath+"/maxLengthSeconds",schemaPath:"#/properties/maxLengthSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 5},message:"must be >= 5",schema:5,parentSchema:schema67.properties.maxLengthSeconds,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
let data9 = data.finishKey;
if(typeof data9 !== "string"){
const err17 = {instancePath:instancePath+"/finishKey",schemaPath:"#/properties/finishKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema67.properties.finishKey.type,parentSchema:schema67.properties.finishKey,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!((((data9 === "#") || (data9 === "*")) || (data9 === "any")) || (data9 === "none"))){
const err18 = {instancePath:instancePath+"/finishKey",schemaPath:"#/properties/finishKey/enum",keyword:"enum",params:{allowedValues: schema67.properties.finishKey.enum},message:"must be equal to one of the allowed values",schema:schema67.properties.finishKey.enum,parentSchema:schema67.properties.finishKey,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
let data10 = data.silenceSeconds;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err19 = {instancePath:instancePath+"/silenceSeconds",schemaPath:"#/properties/silenceSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema67.properties.silenceSeconds.type,parentSchema:schema67.properties.silenceSeconds,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 30 || isNaN(data10)){
const err20 = {instancePath:instancePath+"/silenceSeconds",schemaPath:"#/properties/silenceSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 30},message:"must be <= 30",schema:30,parentSchema:schema67.properties.silenceSeconds,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data10 < 2 || isNaN(data10)){
const err21 = {instancePath:instancePath+"/silenceSeconds",schemaPath:"#/properties/silenceSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 2},message:"must be >= 2",schema:2,parentSchema:schema67.properties.silenceSeconds,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data11 = data.afterRecording;
if(typeof data11 !== "string"){
const err22 = {instancePath:instancePath+"/afterRecording",schemaPath:"#/properties/afterRecording/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema67.properties.afterRecording.type,parentSchema:schema67.properties.afterRecording,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(!((data11 === "hangup") || (data11 === "next"))){
const err23 = {instancePath:instancePath+"/afterRecording",schemaPath:"#/properties/afterRecording/enum",keyword:"enum",params:{allowedValues: schema67.properties.afterRecording.enum},message:"must be equal to one of the allowed values",schema:schema67.properties.afterRecording.enum,parentSchema:schema67.properties.afterRecording,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.type,parentSchema:schema67,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate67.errors = vErrors;
return errors === 0;
}
validate67.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema73 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/callback.schema.json","title":"Callback","description":"Records a callback request for a group (caller's number or a typed one, read back for confirmation); the earliest callback time is the next opening of a calendar.","x-title-fr":"Rappel","x-description-fr":"Enregistre une demande de rappel pour un groupe (numéro de l’appelant ou saisi, relu pour confirmation) ; le rappel a lieu au plus tôt à la prochaine ouverture d’un calendrier.","x-category":"actions","x-outputs":{"static":[{"id":"registered","label":{"en":"Registered","fr":"Enregistré"},"required":false},{"id":"failed","label":{"en":"Failed","fr":"Échec"},"required":false}]},"type":"object","additionalProperties":false,"required":["groupId"],"properties":{"numberSource":{"type":"string","enum":["caller","typed"],"default":"caller","description":"caller: the caller's number; typed: the caller types the number to call back."},"askIfAnonymous":{"type":"boolean","default":true,"description":"When the caller's number is hidden, ask them to type one instead of failing."},"numberPrompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Asks the caller to type the number (typed, or anonymous caller)."},"digitTimeoutSeconds":{"type":"integer","minimum":1,"maximum":30,"default":10,"description":"Seconds to wait for each digit of a typed number."},"confirmNumber":{"type":"boolean","default":true,"description":"Read the number back and ask 1 to confirm, 2 to retype."},"confirmNumberPrompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Played before the number is read back, e.g. \"We will call you back on\"."},"retries":{"type":"integer","minimum":0,"maximum":5,"default":2,"description":"Extra attempts to type a valid number."},"groupId":{"$ref":"../common.schema.json#/$defs/groupId","description":"Group whose agents call back."},"calendarId":{"$ref":"../common.schema.json#/$defs/calendarId","description":"Optional: the callback is not placed before this calendar's next opening."},"confirmationPrompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Said once the request is registered."},"maxAttempts":{"type":"integer","minimum":1,"maximum":10,"default":3,"description":"Attempts to reach the customer when calling back."},"retryIntervalMinutes":{"type":"integer","minimum":1,"maximum":1440,"default":15,"description":"Minutes between callback attempts."}}};

function validate78(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate78.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("sound" !== data.kind){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.soundId === undefined){
const err1 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "soundId"},message:"must have required property '"+"soundId"+"'",schema:schema39.allOf[0].then.required,parentSchema:schema39.allOf[0].then,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[0].if,parentSchema:schema39.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs7 = errors;
let valid3 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("tts" !== data.kind){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.text === undefined){
const err4 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'",schema:schema39.allOf[1].then.required,parentSchema:schema39.allOf[1].then,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[1].if,parentSchema:schema39.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema39.required,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "kind") || (key0 === "soundId")) || (key0 === "text"))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.kind.type,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data2 === "sound") || (data2 === "tts"))){
const err9 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema39.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.kind.enum,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.soundId !== undefined){
if(!(validate27(data.soundId, {instancePath:instancePath+"/soundId",parentData:data,parentDataProperty:"soundId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.text !== undefined){
if(!(validate29(data.text, {instancePath:instancePath+"/text",parentData:data,parentDataProperty:"text",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate78.errors = vErrors;
return errors === 0;
}
validate78.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate83(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate83.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate83.errors = vErrors;
return errors === 0;
}
validate83.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate85(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate85.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate85.errors = vErrors;
return errors === 0;
}
validate85.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate77(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/callback.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate77.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.numberSource === undefined){
data.numberSource = "caller";
}
if(data.askIfAnonymous === undefined){
data.askIfAnonymous = true;
}
if(data.digitTimeoutSeconds === undefined){
data.digitTimeoutSeconds = 10;
}
if(data.confirmNumber === undefined){
data.confirmNumber = true;
}
if(data.retries === undefined){
data.retries = 2;
}
if(data.maxAttempts === undefined){
data.maxAttempts = 3;
}
if(data.retryIntervalMinutes === undefined){
data.retryIntervalMinutes = 15;
}
if(data.groupId === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "groupId"},message:"must have required property '"+"groupId"+"'",schema:schema73.required,parentSchema:schema73,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema73.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema73,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
let data0 = data.numberSource;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/numberSource",schemaPath:"#/properties/numberSource/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema73.properties.numberSource.type,parentSchema:schema73.properties.numberSource,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!((data0 === "caller") || (data0 === "typed"))){
const err3 = {instancePath:instancePath+"/numberSource",schemaPath:"#/properties/numberSource/enum",keyword:"enum",params:{allowedValues: schema73.properties.numberSource.enum},message:"must be equal to one of the allowed values",schema:schema73.properties.numberSource.enum,parentSchema:schema73.properties.numberSource,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
let data1 = data.askIfAnonymous;
if(typeof data1 !== "boolean"){
const err4 = {instancePath:instancePath+"/askIfAnonymous",schemaPath:"#/properties/askIfAnonymous/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema73.properties.askIfAnonymous.type,parentSchema:schema73.properties.askIfAnonymous,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.numberPrompt !== undefined){
if(!(validate78(data.numberPrompt, {instancePath:instancePath+"/numberPrompt",parentData:data,parentDataProperty:"numberPrompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate78.errors : vErrors.concat(validate78.errors);
errors = vErrors.length;
}
}
let data3 = data.digitTimeoutSeconds;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err5 = {instancePath:instancePath+"/digitTimeoutSeconds",schemaPath:"#/properties/digitTimeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema73.properties.digitTimeoutSeconds.type,parentSchema:schema73.properties.digitTimeoutSeconds,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 30 || isNaN(data3)){
const err6 = {instancePath:instancePath+"/digitTimeoutSeconds",schemaPath:"#/properties/digitTimeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 30},message:"must be <= 30",schema:30,parentSchema:schema73.properties.digitTimeoutSeconds,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/digitTimeoutSeconds",schemaPath:"#/properties/digitTimeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema73.properties.digitTimeoutSeconds,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let data4 = data.confirmNumber;
if(typeof data4 !== "boolean"){
const err8 = {instancePath:instancePath+"/confirmNumber",schemaPath:"#/properties/confirmNumber/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema73.properties.confirmNumber.type,parentSchema:schema73.properties.confirmNumber,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.confirmNumberPrompt !== undefined){
if(!(validate78(data.confirmNumberPrompt, {instancePath:instancePath+"/confirmNumberPrompt",parentData:data,parentDataProperty:"confirmNumberPrompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate78.errors : vErrors.concat(validate78.errors);
errors = vErrors.length;
}
}
let data6 = data.retries;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err9 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema73.properties.retries.type,parentSchema:schema73.properties.retries,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 5 || isNaN(data6)){
const err10 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 5},message:"must be <= 5",schema:5,parentSchema:schema73.properties.retries,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data6 < 0 || isNaN(data6)){
const err11 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema73.properties.retries,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.groupId !== undefined){
if(!(validate83(data.groupId, {instancePath:instancePath+"/groupId",parentData:data,parentDataProperty:"groupId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate83.errors : vErrors.concat(validate83.errors);
errors = vErrors.length;
}
}
if(data.calendarId !== undefined){
if(!(validate85(data.calendarId, {instancePath:instancePath+"/calendarId",parentData:data,parentDataProperty:"calendarId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate85.errors : vErrors.concat(validate85.errors);
errors = vErrors.length;
}
}
if(data.confirmationPrompt !== undefined){
if(!(validate78(data.confirmationPrompt, {instancePath:instancePath+"/confirmationPrompt",parentData:data,parentDataProperty:"confirmationPrompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate78.errors : vErrors.concat(validate78.errors);
errors = vErrors.length;
}
}
let data10 = data.maxAttempts;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err12 = {instancePath:instancePath+"/maxAttempts",schemaPath:"#/properties/maxAttempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema73.properties.maxAttempts.type,parentSchema:schema73.properties.maxAttempts,data:data10};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 10 || isNaN(data10)){
const err13 = {instancePath:instancePath+"/maxAttempts",schemaPath:"#/properties/maxAttempts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema73.properties.maxAttempts,data:data10};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data10 < 1 || isNaN(data10)){
const err14 = {instancePath:instancePath+"/maxAttempts",schemaPath:"#/properties/maxAttempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema73.properties.maxAttempts,data:data10};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
let data11 = data.retryIntervalMinutes;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err15 = {instancePath:instancePath+"/retryIntervalMinutes",schemaPath:"#/properties/retryIntervalMinutes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema73.properties.retryIntervalMinutes.type,parentSchema:schema73.properties.retryIntervalMinutes,data:data11};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 1440 || isNaN(data11)){
const err16 = {instancePath:instancePath+"/retryIntervalMinutes",schemaPath:"#/properties/retryIntervalMinutes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1440},message:"must be <= 1440",schema:1440,parentSchema:schema73.properties.retryIntervalMinutes,data:data11};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err17 = {instancePath:instancePath+"/retryIntervalMinutes",schemaPath:"#/properties/retryIntervalMinutes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema73.properties.retryIntervalMinutes,data:data11};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema73.type,parentSchema:schema73,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate77.errors = vErrors;
return errors === 0;
}
validate77.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema79 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/sms.schema.json","title":"SMS","description":"Sends an SMS to the caller or a fixed number; the text is a template with {{variables}}.","x-title-fr":"SMS","x-description-fr":"Envoie un SMS à l’appelant ou à un numéro fixe ; le texte est un modèle avec des {{variables}}.","x-category":"actions","x-outputs":{"static":[{"id":"sent","label":{"en":"Sent","fr":"Envoyé"},"required":true},{"id":"failed","label":{"en":"Failed","fr":"Échec"},"required":false,"fallback":"sent"}]},"type":"object","additionalProperties":false,"required":["to","template"],"properties":{"to":{"type":"object","additionalProperties":false,"required":["kind"],"description":"Recipient.","properties":{"kind":{"type":"string","enum":["caller","fixed"],"description":"caller or a fixed number."},"number":{"$ref":"../common.schema.json#/$defs/e164","description":"Fixed recipient (E.164)."}},"allOf":[{"if":{"properties":{"kind":{"const":"fixed"}}},"then":{"required":["number"]}}]},"fromNumberId":{"$ref":"../common.schema.json#/$defs/numberId","description":"Sender number of the organisation (default: the number the call came in on)."},"template":{"$ref":"../common.schema.json#/$defs/template","maxLength":640,"minLength":1,"description":"Message text; {{caller}}, {{called}} and call variables are replaced."}}};
const schema80 = {"type":"string","pattern":"^\\+[1-9][0-9]{1,14}$","description":"Phone number in E.164 form, e.g. +33123456789."};
const pattern19 = new RegExp("^\\+[1-9][0-9]{1,14}$", "u");
const schema81 = {"$ref":"#/$defs/objectId","x-reference":"numbers","description":"A phone number of the organisation."};

function validate90(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate90.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate90.errors = vErrors;
return errors === 0;
}
validate90.evaluated = {"dynamicProps":false,"dynamicItems":false};


function validate89(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/sms.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate89.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.to === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema79.required,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.template === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "template"},message:"must have required property '"+"template"+"'",schema:schema79.required,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "to") || (key0 === "fromNumberId")) || (key0 === "template"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.to !== undefined){
let data0 = data.to;
const _errs9 = errors;
let valid2 = true;
const _errs10 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.kind !== undefined){
if("fixed" !== data0.kind){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
var _valid0 = _errs10 === errors;
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs12 = errors;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.number === undefined){
const err4 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/allOf/0/then/required",keyword:"required",params:{missingProperty: "number"},message:"must have required property '"+"number"+"'",schema:schema79.properties.to.allOf[0].then.required,parentSchema:schema79.properties.to.allOf[0].then,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs12 === errors;
valid2 = _valid0;
}
if(!valid2){
const err5 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema79.properties.to.allOf[0].if,parentSchema:schema79.properties.to.allOf[0],data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.kind === undefined){
const err6 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema79.properties.to.required,parentSchema:schema79.properties.to,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key1 in data0){
if(!((key1 === "kind") || (key1 === "number"))){
const err7 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema79.properties.to,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data0.kind !== undefined){
let data2 = data0.kind;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/to/kind",schemaPath:"#/properties/to/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema79.properties.to.properties.kind.type,parentSchema:schema79.properties.to.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data2 === "caller") || (data2 === "fixed"))){
const err9 = {instancePath:instancePath+"/to/kind",schemaPath:"#/properties/to/properties/kind/enum",keyword:"enum",params:{allowedValues: schema79.properties.to.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema79.properties.to.properties.kind.enum,parentSchema:schema79.properties.to.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data0.number !== undefined){
let data3 = data0.number;
if(typeof data3 === "string"){
if(!pattern19.test(data3)){
const err10 = {instancePath:instancePath+"/to/number",schemaPath:"../common.schema.json#/$defs/e164/pattern",keyword:"pattern",params:{pattern: "^\\+[1-9][0-9]{1,14}$"},message:"must match pattern \""+"^\\+[1-9][0-9]{1,14}$"+"\"",schema:"^\\+[1-9][0-9]{1,14}$",parentSchema:schema80,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/to/number",schemaPath:"../common.schema.json#/$defs/e164/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema80.type,parentSchema:schema80,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema79.properties.to.type,parentSchema:schema79.properties.to,data:data0};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.fromNumberId !== undefined){
if(!(validate90(data.fromNumberId, {instancePath:instancePath+"/fromNumberId",parentData:data,parentDataProperty:"fromNumberId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate90.errors : vErrors.concat(validate90.errors);
errors = vErrors.length;
}
}
if(data.template !== undefined){
let data5 = data.template;
if(typeof data5 === "string"){
if(func2(data5) > 20000){
const err13 = {instancePath:instancePath+"/template",schemaPath:"../common.schema.json#/$defs/template/maxLength",keyword:"maxLength",params:{limit: 20000},message:"must NOT have more than 20000 characters",schema:20000,parentSchema:schema43,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/template",schemaPath:"../common.schema.json#/$defs/template/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(typeof data5 === "string"){
if(func2(data5) > 640){
const err15 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/maxLength",keyword:"maxLength",params:{limit: 640},message:"must NOT have more than 640 characters",schema:640,parentSchema:schema79.properties.template,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(func2(data5) < 1){
const err16 = {instancePath:instancePath+"/template",schemaPath:"#/properties/template/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema79.properties.template,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema79.type,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate89.errors = vErrors;
return errors === 0;
}
validate89.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema84 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/forbidden-transfer.schema.json","title":"Forbidden external transfer","description":"Policy step: from here on, this call may not be transferred (by the flow or by an agent) to external numbers matching the rules.","x-title-fr":"Transfert interdit vers n° externes","x-description-fr":"Étape de politique : à partir d’ici, l’appel ne peut plus être transféré (par le flux ou par un agent) vers les numéros externes correspondant aux règles.","x-category":"routing","x-outputs":{"static":[{"id":"next","label":{"en":"Next","fr":"Suite"},"required":true}]},"type":"object","additionalProperties":false,"required":[],"properties":{"mode":{"type":"string","enum":["all-external","lists"],"default":"lists","description":"all-external: no external number at all; lists: only those matching presets, patterns or lists."},"presets":{"type":"array","uniqueItems":true,"default":[],"description":"Built-in number classes.","items":{"type":"string","enum":["premium-rate","international","mobile","short-codes"],"description":"premium-rate (e.g. +338 9x), international (outside homeCountryCode), mobile, short codes."}},"patterns":{"type":"array","maxItems":500,"default":[],"description":"Numbers (+33612345678) or prefixes ending in * (+3389*).","items":{"$ref":"../common.schema.json#/$defs/numberPattern"}},"forbiddenListIds":{"type":"array","uniqueItems":true,"maxItems":50,"default":[],"items":{"$ref":"../common.schema.json#/$defs/forbiddenListId"},"description":"Forbidden-destination lists of the organisation."},"homeCountryCode":{"type":"string","pattern":"^[1-9][0-9]{0,2}$","default":"33","description":"Country calling code regarded as national by the international preset."}}};
const schema85 = {"type":"string","pattern":"^\\+?[0-9]{1,15}\\*?$","description":"A number (+33612345678) or a prefix ending in * (+3389*)."};
const pattern21 = new RegExp("^\\+?[0-9]{1,15}\\*?$", "u");
const pattern23 = new RegExp("^[1-9][0-9]{0,2}$", "u");
const schema86 = {"$ref":"#/$defs/objectId","x-reference":"forbiddenLists","description":"A forbidden-destination list of the organisation."};

function validate94(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate94.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(typeof data === "string"){
if(func2(data) > 64){
const err0 = {instancePath,schemaPath:"#/$defs/objectId/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(func2(data) < 1){
const err1 = {instancePath,schemaPath:"#/$defs/objectId/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern6.test(data)){
const err2 = {instancePath,schemaPath:"#/$defs/objectId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/$defs/objectId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate94.errors = vErrors;
return errors === 0;
}
validate94.evaluated = {"dynamicProps":false,"dynamicItems":false};

const func0 = dep2.default;

function validate93(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/forbidden-transfer.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate93.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.mode === undefined){
data.mode = "lists";
}
if(data.presets === undefined){
data.presets = [];
}
if(data.patterns === undefined){
data.patterns = [];
}
if(data.forbiddenListIds === undefined){
data.forbiddenListIds = [];
}
if(data.homeCountryCode === undefined){
data.homeCountryCode = "33";
}
for(const key0 in data){
if(!(((((key0 === "mode") || (key0 === "presets")) || (key0 === "patterns")) || (key0 === "forbiddenListIds")) || (key0 === "homeCountryCode"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema84,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.mode;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema84.properties.mode.type,parentSchema:schema84.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!((data0 === "all-external") || (data0 === "lists"))){
const err2 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema84.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema84.properties.mode.enum,parentSchema:schema84.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
let data1 = data.presets;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 !== "string"){
const err3 = {instancePath:instancePath+"/presets/" + i0,schemaPath:"#/properties/presets/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema84.properties.presets.items.type,parentSchema:schema84.properties.presets.items,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!((((data2 === "premium-rate") || (data2 === "international")) || (data2 === "mobile")) || (data2 === "short-codes"))){
const err4 = {instancePath:instancePath+"/presets/" + i0,schemaPath:"#/properties/presets/items/enum",keyword:"enum",params:{allowedValues: schema84.properties.presets.items.enum},message:"must be equal to one of the allowed values",schema:schema84.properties.presets.items.enum,parentSchema:schema84.properties.presets.items,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data1[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err5 = {instancePath:instancePath+"/presets",schemaPath:"#/properties/presets/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema84.properties.presets,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err6 = {instancePath:instancePath+"/presets",schemaPath:"#/properties/presets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema84.properties.presets.type,parentSchema:schema84.properties.presets,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
let data3 = data.patterns;
if(Array.isArray(data3)){
if(data3.length > 500){
const err7 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items",schema:500,parentSchema:schema84.properties.patterns,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len1 = data3.length;
for(let i2=0; i2<len1; i2++){
let data4 = data3[i2];
if(typeof data4 === "string"){
if(!pattern21.test(data4)){
const err8 = {instancePath:instancePath+"/patterns/" + i2,schemaPath:"../common.schema.json#/$defs/numberPattern/pattern",keyword:"pattern",params:{pattern: "^\\+?[0-9]{1,15}\\*?$"},message:"must match pattern \""+"^\\+?[0-9]{1,15}\\*?$"+"\"",schema:"^\\+?[0-9]{1,15}\\*?$",parentSchema:schema85,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/patterns/" + i2,schemaPath:"../common.schema.json#/$defs/numberPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.type,parentSchema:schema85,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema84.properties.patterns.type,parentSchema:schema84.properties.patterns,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
let data5 = data.forbiddenListIds;
if(Array.isArray(data5)){
if(data5.length > 50){
const err11 = {instancePath:instancePath+"/forbiddenListIds",schemaPath:"#/properties/forbiddenListIds/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema84.properties.forbiddenListIds,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const len2 = data5.length;
for(let i3=0; i3<len2; i3++){
if(!(validate94(data5[i3], {instancePath:instancePath+"/forbiddenListIds/" + i3,parentData:data5,parentDataProperty:i3,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate94.errors : vErrors.concat(validate94.errors);
errors = vErrors.length;
}
}
let i4 = data5.length;
let j1;
if(i4 > 1){
outer0:
for(;i4--;){
for(j1 = i4; j1--;){
if(func0(data5[i4], data5[j1])){
const err12 = {instancePath:instancePath+"/forbiddenListIds",schemaPath:"#/properties/forbiddenListIds/uniqueItems",keyword:"uniqueItems",params:{i: i4, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i4+" are identical)",schema:true,parentSchema:schema84.properties.forbiddenListIds,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err13 = {instancePath:instancePath+"/forbiddenListIds",schemaPath:"#/properties/forbiddenListIds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema84.properties.forbiddenListIds.type,parentSchema:schema84.properties.forbiddenListIds,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
let data7 = data.homeCountryCode;
if(typeof data7 === "string"){
if(!pattern23.test(data7)){
const err14 = {instancePath:instancePath+"/homeCountryCode",schemaPath:"#/properties/homeCountryCode/pattern",keyword:"pattern",params:{pattern: "^[1-9][0-9]{0,2}$"},message:"must match pattern \""+"^[1-9][0-9]{0,2}$"+"\"",schema:"^[1-9][0-9]{0,2}$",parentSchema:schema84.properties.homeCountryCode,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/homeCountryCode",schemaPath:"#/properties/homeCountryCode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema84.properties.homeCountryCode.type,parentSchema:schema84.properties.homeCountryCode,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema84.type,parentSchema:schema84,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate93.errors = vErrors;
return errors === 0;
}
validate93.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema88 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/filter.schema.json","title":"Caller filter","description":"Branches on the caller's number: listed numbers/prefixes (an allow or a deny list), anonymous callers.","x-title-fr":"Filtrage","x-description-fr":"Oriente selon le numéro de l’appelant : numéros/préfixes listés (liste autorisée ou bloquée), appelants masqués.","x-category":"routing","x-outputs":{"static":[{"id":"match","label":{"en":"Listed","fr":"Dans la liste"},"required":true},{"id":"no_match","label":{"en":"Not listed","fr":"Hors liste"},"required":true},{"id":"anonymous","label":{"en":"Anonymous","fr":"Numéro masqué"},"required":false,"fallback":"no_match","when":{"pointer":"/anonymous","in":["anonymous"]}}]},"type":"object","additionalProperties":false,"required":["patterns"],"properties":{"purpose":{"type":"string","enum":["allow","deny"],"default":"deny","description":"Whether the list names allowed (e.g. VIP) or denied callers; for the editor's labels only."},"patterns":{"type":"array","minItems":1,"maxItems":2000,"description":"Caller numbers (+33612345678) or prefixes ending in * (+3389*).","items":{"$ref":"../common.schema.json#/$defs/numberPattern"}},"anonymous":{"type":"string","enum":["anonymous","match","no_match"],"default":"anonymous","description":"Where hidden numbers go: their own `anonymous` output, or treated as `match` / `no_match`."}}};

function validate97(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/filter.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate97.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.purpose === undefined){
data.purpose = "deny";
}
if(data.anonymous === undefined){
data.anonymous = "anonymous";
}
if(data.patterns === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "patterns"},message:"must have required property '"+"patterns"+"'",schema:schema88.required,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "purpose") || (key0 === "patterns")) || (key0 === "anonymous"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
let data0 = data.purpose;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/purpose",schemaPath:"#/properties/purpose/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema88.properties.purpose.type,parentSchema:schema88.properties.purpose,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!((data0 === "allow") || (data0 === "deny"))){
const err3 = {instancePath:instancePath+"/purpose",schemaPath:"#/properties/purpose/enum",keyword:"enum",params:{allowedValues: schema88.properties.purpose.enum},message:"must be equal to one of the allowed values",schema:schema88.properties.purpose.enum,parentSchema:schema88.properties.purpose,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.patterns !== undefined){
let data1 = data.patterns;
if(Array.isArray(data1)){
if(data1.length > 2000){
const err4 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/maxItems",keyword:"maxItems",params:{limit: 2000},message:"must NOT have more than 2000 items",schema:2000,parentSchema:schema88.properties.patterns,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1.length < 1){
const err5 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema88.properties.patterns,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(!pattern21.test(data2)){
const err6 = {instancePath:instancePath+"/patterns/" + i0,schemaPath:"../common.schema.json#/$defs/numberPattern/pattern",keyword:"pattern",params:{pattern: "^\\+?[0-9]{1,15}\\*?$"},message:"must match pattern \""+"^\\+?[0-9]{1,15}\\*?$"+"\"",schema:"^\\+?[0-9]{1,15}\\*?$",parentSchema:schema85,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/patterns/" + i0,schemaPath:"../common.schema.json#/$defs/numberPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.type,parentSchema:schema85,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/patterns",schemaPath:"#/properties/patterns/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema88.properties.patterns.type,parentSchema:schema88.properties.patterns,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
let data3 = data.anonymous;
if(typeof data3 !== "string"){
const err9 = {instancePath:instancePath+"/anonymous",schemaPath:"#/properties/anonymous/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema88.properties.anonymous.type,parentSchema:schema88.properties.anonymous,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!(((data3 === "anonymous") || (data3 === "match")) || (data3 === "no_match"))){
const err10 = {instancePath:instancePath+"/anonymous",schemaPath:"#/properties/anonymous/enum",keyword:"enum",params:{allowedValues: schema88.properties.anonymous.enum},message:"must be equal to one of the allowed values",schema:schema88.properties.anonymous.enum,parentSchema:schema88.properties.anonymous,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema88.type,parentSchema:schema88,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate97.errors = vErrors;
return errors === 0;
}
validate97.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema90 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/split.schema.json","title":"Percentage split","description":"Distributes calls between branches by percentage (summing to 100).","x-title-fr":"Répartition %","x-description-fr":"Répartit les appels entre des branches selon des pourcentages (total 100).","x-category":"logic","x-outputs":{"dynamic":{"from":"/branches","idField":"id","labelField":"label","required":true},"static":[]},"type":"object","additionalProperties":false,"required":["branches"],"properties":{"branches":{"type":"array","minItems":2,"maxItems":10,"description":"One output per branch.","items":{"type":"object","additionalProperties":false,"required":["id","percent"],"properties":{"id":{"$ref":"../common.schema.json#/$defs/outputId"},"label":{"type":"string","maxLength":80},"percent":{"type":"integer","minimum":0,"maximum":100,"description":"Share of calls, percent."}}}}}};
const schema91 = {"type":"string","pattern":"^[A-Za-z0-9_-]{1,40}$","description":"Name of a node output, used by edges (`sourceOutput`)."};
const pattern25 = new RegExp("^[A-Za-z0-9_-]{1,40}$", "u");

function validate99(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/split.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate99.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.branches === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "branches"},message:"must have required property '"+"branches"+"'",schema:schema90.required,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "branches")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.branches !== undefined){
let data0 = data.branches;
if(Array.isArray(data0)){
if(data0.length > 10){
const err2 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/maxItems",keyword:"maxItems",params:{limit: 10},message:"must NOT have more than 10 items",schema:10,parentSchema:schema90.properties.branches,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0.length < 2){
const err3 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema90.properties.branches,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.id === undefined){
const err4 = {instancePath:instancePath+"/branches/" + i0,schemaPath:"#/properties/branches/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema90.properties.branches.items.required,parentSchema:schema90.properties.branches.items,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1.percent === undefined){
const err5 = {instancePath:instancePath+"/branches/" + i0,schemaPath:"#/properties/branches/items/required",keyword:"required",params:{missingProperty: "percent"},message:"must have required property '"+"percent"+"'",schema:schema90.properties.branches.items.required,parentSchema:schema90.properties.branches.items,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!(((key1 === "id") || (key1 === "label")) || (key1 === "percent"))){
const err6 = {instancePath:instancePath+"/branches/" + i0,schemaPath:"#/properties/branches/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema90.properties.branches.items,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.id !== undefined){
let data2 = data1.id;
if(typeof data2 === "string"){
if(!pattern25.test(data2)){
const err7 = {instancePath:instancePath+"/branches/" + i0+"/id",schemaPath:"../common.schema.json#/$defs/outputId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,40}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,40}$"+"\"",schema:"^[A-Za-z0-9_-]{1,40}$",parentSchema:schema91,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/branches/" + i0+"/id",schemaPath:"../common.schema.json#/$defs/outputId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema91.type,parentSchema:schema91,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.label !== undefined){
let data3 = data1.label;
if(typeof data3 === "string"){
if(func2(data3) > 80){
const err9 = {instancePath:instancePath+"/branches/" + i0+"/label",schemaPath:"#/properties/branches/items/properties/label/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters",schema:80,parentSchema:schema90.properties.branches.items.properties.label,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/branches/" + i0+"/label",schemaPath:"#/properties/branches/items/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema90.properties.branches.items.properties.label.type,parentSchema:schema90.properties.branches.items.properties.label,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data1.percent !== undefined){
let data4 = data1.percent;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err11 = {instancePath:instancePath+"/branches/" + i0+"/percent",schemaPath:"#/properties/branches/items/properties/percent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema90.properties.branches.items.properties.percent.type,parentSchema:schema90.properties.branches.items.properties.percent,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 100 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/branches/" + i0+"/percent",schemaPath:"#/properties/branches/items/properties/percent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema90.properties.branches.items.properties.percent,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data4 < 0 || isNaN(data4)){
const err13 = {instancePath:instancePath+"/branches/" + i0+"/percent",schemaPath:"#/properties/branches/items/properties/percent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema90.properties.branches.items.properties.percent,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
else {
const err14 = {instancePath:instancePath+"/branches/" + i0,schemaPath:"#/properties/branches/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema90.properties.branches.items.type,parentSchema:schema90.properties.branches.items,data:data1};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema90.properties.branches.type,parentSchema:schema90.properties.branches,data:data0};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema90.type,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate99.errors = vErrors;
return errors === 0;
}
validate99.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema92 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/variable.schema.json","title":"Set variable","description":"Sets a call variable from an expression.","x-title-fr":"Variable","x-description-fr":"Affecte une variable de l’appel à partir d’une expression.","x-category":"logic","x-outputs":{"static":[{"id":"next","label":{"en":"Next","fr":"Suite"},"required":true}]},"type":"object","additionalProperties":false,"required":["name","expression"],"properties":{"name":{"$ref":"../common.schema.json#/$defs/variableName"},"expression":{"$ref":"../common.schema.json#/$defs/expression","description":"e.g. `digits + \"-\" + caller`, `len(accountId) == 8`."}}};
const schema94 = {"type":"string","minLength":1,"maxLength":2000,"x-expression":true,"description":"Expression in the safe expression language: variables, literals, + - * / %, comparisons, && || !, ?:, and whitelisted functions; never evaluated with eval."};

function validate101(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/variable.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate101.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema92.required,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.expression === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "expression"},message:"must have required property '"+"expression"+"'",schema:schema92.required,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "name") || (key0 === "expression"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern7.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"../common.schema.json#/$defs/variableName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]{0,63}$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]{0,63}$",parentSchema:schema50,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"../common.schema.json#/$defs/variableName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.type,parentSchema:schema50,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.expression !== undefined){
let data1 = data.expression;
if(typeof data1 === "string"){
if(func2(data1) > 2000){
const err5 = {instancePath:instancePath+"/expression",schemaPath:"../common.schema.json#/$defs/expression/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema94,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(func2(data1) < 1){
const err6 = {instancePath:instancePath+"/expression",schemaPath:"../common.schema.json#/$defs/expression/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema94,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/expression",schemaPath:"../common.schema.json#/$defs/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema94.type,parentSchema:schema94,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema92.type,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate101.errors = vErrors;
return errors === 0;
}
validate101.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema95 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/http-request.schema.json","title":"HTTP request","description":"Calls a web service (URL and body templates, headers, timeout, retries) and maps response fields into variables.","x-title-fr":"Requête","x-description-fr":"Appelle un service web (modèles d’URL et de corps, en-têtes, délai, nouvelles tentatives) et range des champs de la réponse dans des variables.","x-category":"logic","x-outputs":{"static":[{"id":"success","label":{"en":"Success (2xx)","fr":"Succès (2xx)"},"required":true},{"id":"error","label":{"en":"Error","fr":"Erreur"},"required":true},{"id":"timeout","label":{"en":"Timeout","fr":"Délai dépassé"},"required":false,"fallback":"error"}]},"type":"object","additionalProperties":false,"required":["url"],"properties":{"method":{"type":"string","enum":["GET","POST","PUT","PATCH","DELETE"],"default":"GET","description":"HTTP method."},"url":{"$ref":"../common.schema.json#/$defs/template","minLength":1,"maxLength":2048,"pattern":"^(https?://|\\{\\{)","description":"URL template, e.g. https://crm.example.com/customers?phone={{caller}}."},"headers":{"type":"array","maxItems":20,"default":[],"items":{"type":"object","additionalProperties":false,"required":["name","value"],"properties":{"name":{"type":"string","pattern":"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$","maxLength":100},"value":{"$ref":"../common.schema.json#/$defs/template","maxLength":4000},"secret":{"type":"boolean","default":false,"description":"Never shown in logs, call paths or API reads (e.g. Authorization)."}}}},"body":{"$ref":"../common.schema.json#/$defs/template","maxLength":20000,"description":"Body template (POST, PUT, PATCH)."},"contentType":{"type":"string","default":"application/json","maxLength":100},"timeoutSeconds":{"type":"number","exclusiveMinimum":0,"maximum":15,"default":5,"description":"Per attempt; at most 15 s."},"retries":{"type":"integer","minimum":0,"maximum":3,"default":0,"description":"Extra attempts after a network error, a timeout or a 5xx."},"statusVariable":{"$ref":"../common.schema.json#/$defs/variableName","description":"Optional variable receiving the HTTP status code."},"responseMappings":{"type":"array","maxItems":50,"default":[],"description":"JSON response fields copied into variables.","items":{"type":"object","additionalProperties":false,"required":["pointer","variable"],"properties":{"pointer":{"type":"string","format":"json-pointer","description":"JSON pointer into the response body, e.g. /customer/id."},"variable":{"$ref":"../common.schema.json#/$defs/variableName"}}}}}};
const pattern27 = new RegExp("^(https?://|\\{\\{)", "u");
const pattern28 = new RegExp("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", "u");
const formats2 = /^(?:\/(?:[^~/]|~0|~1)*)*$/;

function validate103(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/http-request.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate103.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.method === undefined){
data.method = "GET";
}
if(data.headers === undefined){
data.headers = [];
}
if(data.contentType === undefined){
data.contentType = "application/json";
}
if(data.timeoutSeconds === undefined){
data.timeoutSeconds = 5;
}
if(data.retries === undefined){
data.retries = 0;
}
if(data.responseMappings === undefined){
data.responseMappings = [];
}
if(data.url === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema95.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
let data0 = data.method;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.method.type,parentSchema:schema95.properties.method,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!(((((data0 === "GET") || (data0 === "POST")) || (data0 === "PUT")) || (data0 === "PATCH")) || (data0 === "DELETE"))){
const err3 = {instancePath:instancePath+"/method",schemaPath:"#/properties/method/enum",keyword:"enum",params:{allowedValues: schema95.properties.method.enum},message:"must be equal to one of the allowed values",schema:schema95.properties.method.enum,parentSchema:schema95.properties.method,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.url !== undefined){
let data1 = data.url;
if(typeof data1 === "string"){
if(func2(data1) > 20000){
const err4 = {instancePath:instancePath+"/url",schemaPath:"../common.schema.json#/$defs/template/maxLength",keyword:"maxLength",params:{limit: 20000},message:"must NOT have more than 20000 characters",schema:20000,parentSchema:schema43,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/url",schemaPath:"../common.schema.json#/$defs/template/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(typeof data1 === "string"){
if(func2(data1) > 2048){
const err6 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema95.properties.url,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(func2(data1) < 1){
const err7 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema95.properties.url,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!pattern27.test(data1)){
const err8 = {instancePath:instancePath+"/url",schemaPath:"#/properties/url/pattern",keyword:"pattern",params:{pattern: "^(https?://|\\{\\{)"},message:"must match pattern \""+"^(https?://|\\{\\{)"+"\"",schema:"^(https?://|\\{\\{)",parentSchema:schema95.properties.url,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
let data2 = data.headers;
if(Array.isArray(data2)){
if(data2.length > 20){
const err9 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items",schema:20,parentSchema:schema95.properties.headers,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.secret === undefined){
data3.secret = false;
}
if(data3.name === undefined){
const err10 = {instancePath:instancePath+"/headers/" + i0,schemaPath:"#/properties/headers/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema95.properties.headers.items.required,parentSchema:schema95.properties.headers.items,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data3.value === undefined){
const err11 = {instancePath:instancePath+"/headers/" + i0,schemaPath:"#/properties/headers/items/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema95.properties.headers.items.required,parentSchema:schema95.properties.headers.items,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key1 in data3){
if(!(((key1 === "name") || (key1 === "value")) || (key1 === "secret"))){
const err12 = {instancePath:instancePath+"/headers/" + i0,schemaPath:"#/properties/headers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema95.properties.headers.items,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.name !== undefined){
let data4 = data3.name;
if(typeof data4 === "string"){
if(func2(data4) > 100){
const err13 = {instancePath:instancePath+"/headers/" + i0+"/name",schemaPath:"#/properties/headers/items/properties/name/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema95.properties.headers.items.properties.name,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern28.test(data4)){
const err14 = {instancePath:instancePath+"/headers/" + i0+"/name",schemaPath:"#/properties/headers/items/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"},message:"must match pattern \""+"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"+"\"",schema:"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",parentSchema:schema95.properties.headers.items.properties.name,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/headers/" + i0+"/name",schemaPath:"#/properties/headers/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.headers.items.properties.name.type,parentSchema:schema95.properties.headers.items.properties.name,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data3.value !== undefined){
let data5 = data3.value;
if(typeof data5 === "string"){
if(func2(data5) > 20000){
const err16 = {instancePath:instancePath+"/headers/" + i0+"/value",schemaPath:"../common.schema.json#/$defs/template/maxLength",keyword:"maxLength",params:{limit: 20000},message:"must NOT have more than 20000 characters",schema:20000,parentSchema:schema43,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/headers/" + i0+"/value",schemaPath:"../common.schema.json#/$defs/template/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(typeof data5 === "string"){
if(func2(data5) > 4000){
const err18 = {instancePath:instancePath+"/headers/" + i0+"/value",schemaPath:"#/properties/headers/items/properties/value/maxLength",keyword:"maxLength",params:{limit: 4000},message:"must NOT have more than 4000 characters",schema:4000,parentSchema:schema95.properties.headers.items.properties.value,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
let data6 = data3.secret;
if(typeof data6 !== "boolean"){
const err19 = {instancePath:instancePath+"/headers/" + i0+"/secret",schemaPath:"#/properties/headers/items/properties/secret/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema95.properties.headers.items.properties.secret.type,parentSchema:schema95.properties.headers.items.properties.secret,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/headers/" + i0,schemaPath:"#/properties/headers/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.properties.headers.items.type,parentSchema:schema95.properties.headers.items,data:data3};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/headers",schemaPath:"#/properties/headers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema95.properties.headers.type,parentSchema:schema95.properties.headers,data:data2};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data.body !== undefined){
let data7 = data.body;
if(typeof data7 === "string"){
if(func2(data7) > 20000){
const err22 = {instancePath:instancePath+"/body",schemaPath:"../common.schema.json#/$defs/template/maxLength",keyword:"maxLength",params:{limit: 20000},message:"must NOT have more than 20000 characters",schema:20000,parentSchema:schema43,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/body",schemaPath:"../common.schema.json#/$defs/template/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(typeof data7 === "string"){
if(func2(data7) > 20000){
const err24 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/maxLength",keyword:"maxLength",params:{limit: 20000},message:"must NOT have more than 20000 characters",schema:20000,parentSchema:schema95.properties.body,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
let data8 = data.contentType;
if(typeof data8 === "string"){
if(func2(data8) > 100){
const err25 = {instancePath:instancePath+"/contentType",schemaPath:"#/properties/contentType/maxLength",keyword:"maxLength",params:{limit: 100},message:"must NOT have more than 100 characters",schema:100,parentSchema:schema95.properties.contentType,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/contentType",schemaPath:"#/properties/contentType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.contentType.type,parentSchema:schema95.properties.contentType,data:data8};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
let data9 = data.timeoutSeconds;
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 15 || isNaN(data9)){
const err27 = {instancePath:instancePath+"/timeoutSeconds",schemaPath:"#/properties/timeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 15},message:"must be <= 15",schema:15,parentSchema:schema95.properties.timeoutSeconds,data:data9};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data9 <= 0 || isNaN(data9)){
const err28 = {instancePath:instancePath+"/timeoutSeconds",schemaPath:"#/properties/timeoutSeconds/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema95.properties.timeoutSeconds,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/timeoutSeconds",schemaPath:"#/properties/timeoutSeconds/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema95.properties.timeoutSeconds.type,parentSchema:schema95.properties.timeoutSeconds,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
let data10 = data.retries;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err30 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema95.properties.retries.type,parentSchema:schema95.properties.retries,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 3 || isNaN(data10)){
const err31 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3},message:"must be <= 3",schema:3,parentSchema:schema95.properties.retries,data:data10};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data10 < 0 || isNaN(data10)){
const err32 = {instancePath:instancePath+"/retries",schemaPath:"#/properties/retries/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema95.properties.retries,data:data10};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.statusVariable !== undefined){
let data11 = data.statusVariable;
if(typeof data11 === "string"){
if(!pattern7.test(data11)){
const err33 = {instancePath:instancePath+"/statusVariable",schemaPath:"../common.schema.json#/$defs/variableName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]{0,63}$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]{0,63}$",parentSchema:schema50,data:data11};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/statusVariable",schemaPath:"../common.schema.json#/$defs/variableName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.type,parentSchema:schema50,data:data11};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
let data12 = data.responseMappings;
if(Array.isArray(data12)){
if(data12.length > 50){
const err35 = {instancePath:instancePath+"/responseMappings",schemaPath:"#/properties/responseMappings/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema95.properties.responseMappings,data:data12};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
let data13 = data12[i1];
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.pointer === undefined){
const err36 = {instancePath:instancePath+"/responseMappings/" + i1,schemaPath:"#/properties/responseMappings/items/required",keyword:"required",params:{missingProperty: "pointer"},message:"must have required property '"+"pointer"+"'",schema:schema95.properties.responseMappings.items.required,parentSchema:schema95.properties.responseMappings.items,data:data13};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data13.variable === undefined){
const err37 = {instancePath:instancePath+"/responseMappings/" + i1,schemaPath:"#/properties/responseMappings/items/required",keyword:"required",params:{missingProperty: "variable"},message:"must have required property '"+"variable"+"'",schema:schema95.properties.responseMappings.items.required,parentSchema:schema95.properties.responseMappings.items,data:data13};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
for(const key2 in data13){
if(!((key2 === "pointer") || (key2 === "variable"))){
const err38 = {instancePath:instancePath+"/responseMappings/" + i1,schemaPath:"#/properties/responseMappings/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema95.properties.responseMappings.items,data:data13};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data13.pointer !== undefined){
let data14 = data13.pointer;
if(typeof data14 === "string"){
if(!(formats2.test(data14))){
const err39 = {instancePath:instancePath+"/responseMappings/" + i1+"/pointer",schemaPath:"#/properties/responseMappings/items/properties/pointer/format",keyword:"format",params:{format: "json-pointer"},message:"must match format \""+"json-pointer"+"\"",schema:"json-pointer",parentSchema:schema95.properties.responseMappings.items.properties.pointer,data:data14};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/responseMappings/" + i1+"/pointer",schemaPath:"#/properties/responseMappings/items/properties/pointer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.responseMappings.items.properties.pointer.type,parentSchema:schema95.properties.responseMappings.items.properties.pointer,data:data14};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data13.variable !== undefined){
let data15 = data13.variable;
if(typeof data15 === "string"){
if(!pattern7.test(data15)){
const err41 = {instancePath:instancePath+"/responseMappings/" + i1+"/variable",schemaPath:"../common.schema.json#/$defs/variableName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]{0,63}$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]{0,63}$",parentSchema:schema50,data:data15};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/responseMappings/" + i1+"/variable",schemaPath:"../common.schema.json#/$defs/variableName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.type,parentSchema:schema50,data:data15};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/responseMappings/" + i1,schemaPath:"#/properties/responseMappings/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.properties.responseMappings.items.type,parentSchema:schema95.properties.responseMappings.items,data:data13};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath:instancePath+"/responseMappings",schemaPath:"#/properties/responseMappings/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema95.properties.responseMappings.type,parentSchema:schema95.properties.responseMappings,data:data12};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.type,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
validate103.errors = vErrors;
return errors === 0;
}
validate103.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema101 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/condition.schema.json","title":"Condition","description":"Tests expressions in order; the first true branch is taken, else `else`.","x-title-fr":"Condition","x-description-fr":"Teste des expressions dans l’ordre ; la première vraie est prise, sinon « sinon ».","x-category":"logic","x-outputs":{"dynamic":{"from":"/branches","idField":"id","labelField":"label","required":true},"static":[{"id":"else","label":{"en":"Else","fr":"Sinon"},"required":true}]},"type":"object","additionalProperties":false,"required":["branches"],"properties":{"branches":{"type":"array","minItems":1,"maxItems":20,"items":{"type":"object","additionalProperties":false,"required":["id","expression"],"properties":{"id":{"$ref":"../common.schema.json#/$defs/outputId"},"label":{"type":"string","maxLength":80},"expression":{"$ref":"../common.schema.json#/$defs/expression","description":"e.g. `vip == true && hour < 18`."}}}}}};

function validate105(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/condition.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate105.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.branches === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "branches"},message:"must have required property '"+"branches"+"'",schema:schema101.required,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "branches")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.branches !== undefined){
let data0 = data.branches;
if(Array.isArray(data0)){
if(data0.length > 20){
const err2 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items",schema:20,parentSchema:schema101.properties.branches,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema101.properties.branches,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.id === undefined){
const err4 = {instancePath:instancePath+"/branches/" + i0,schemaPath:"#/properties/branches/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema101.properties.branches.items.required,parentSchema:schema101.properties.branches.items,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1.expression === undefined){
const err5 = {instancePath:instancePath+"/branches/" + i0,schemaPath:"#/properties/branches/items/required",keyword:"required",params:{missingProperty: "expression"},message:"must have required property '"+"expression"+"'",schema:schema101.properties.branches.items.required,parentSchema:schema101.properties.branches.items,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!(((key1 === "id") || (key1 === "label")) || (key1 === "expression"))){
const err6 = {instancePath:instancePath+"/branches/" + i0,schemaPath:"#/properties/branches/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema101.properties.branches.items,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.id !== undefined){
let data2 = data1.id;
if(typeof data2 === "string"){
if(!pattern25.test(data2)){
const err7 = {instancePath:instancePath+"/branches/" + i0+"/id",schemaPath:"../common.schema.json#/$defs/outputId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,40}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,40}$"+"\"",schema:"^[A-Za-z0-9_-]{1,40}$",parentSchema:schema91,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/branches/" + i0+"/id",schemaPath:"../common.schema.json#/$defs/outputId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema91.type,parentSchema:schema91,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.label !== undefined){
let data3 = data1.label;
if(typeof data3 === "string"){
if(func2(data3) > 80){
const err9 = {instancePath:instancePath+"/branches/" + i0+"/label",schemaPath:"#/properties/branches/items/properties/label/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters",schema:80,parentSchema:schema101.properties.branches.items.properties.label,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/branches/" + i0+"/label",schemaPath:"#/properties/branches/items/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema101.properties.branches.items.properties.label.type,parentSchema:schema101.properties.branches.items.properties.label,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data1.expression !== undefined){
let data4 = data1.expression;
if(typeof data4 === "string"){
if(func2(data4) > 2000){
const err11 = {instancePath:instancePath+"/branches/" + i0+"/expression",schemaPath:"../common.schema.json#/$defs/expression/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema94,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func2(data4) < 1){
const err12 = {instancePath:instancePath+"/branches/" + i0+"/expression",schemaPath:"../common.schema.json#/$defs/expression/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema94,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/branches/" + i0+"/expression",schemaPath:"../common.schema.json#/$defs/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema94.type,parentSchema:schema94,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/branches/" + i0,schemaPath:"#/properties/branches/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema101.properties.branches.items.type,parentSchema:schema101.properties.branches.items,data:data1};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/branches",schemaPath:"#/properties/branches/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema101.properties.branches.type,parentSchema:schema101.properties.branches,data:data0};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema101.type,parentSchema:schema101,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate105.errors = vErrors;
return errors === 0;
}
validate105.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema104 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://relais.dev/schemas/steps/hangup.schema.json","title":"Hang up","description":"Ends the call, optionally after a final prompt.","x-title-fr":"Raccrocher","x-description-fr":"Termine l’appel, éventuellement après un dernier message.","x-category":"actions","x-outputs":{"static":[]},"type":"object","additionalProperties":false,"required":[],"properties":{"prompt":{"$ref":"../common.schema.json#/$defs/prompt","description":"Optional final prompt."},"cause":{"type":"string","enum":["normal","busy","rejected"],"default":"normal","description":"How the call is ended (before answer: busy/rejected signalled to the caller)."}}};

function validate108(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate108.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("sound" !== data.kind){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.soundId === undefined){
const err1 = {instancePath,schemaPath:"#/allOf/0/then/required",keyword:"required",params:{missingProperty: "soundId"},message:"must have required property '"+"soundId"+"'",schema:schema39.allOf[0].then.required,parentSchema:schema39.allOf[0].then,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[0].if,parentSchema:schema39.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs7 = errors;
let valid3 = true;
const _errs8 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind !== undefined){
if("tts" !== data.kind){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
var _valid1 = _errs8 === errors;
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs10 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.text === undefined){
const err4 = {instancePath,schemaPath:"#/allOf/1/then/required",keyword:"required",params:{missingProperty: "text"},message:"must have required property '"+"text"+"'",schema:schema39.allOf[1].then.required,parentSchema:schema39.allOf[1].then,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid1 = _errs10 === errors;
valid3 = _valid1;
}
if(!valid3){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema39.allOf[1].if,parentSchema:schema39.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema39.required,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "kind") || (key0 === "soundId")) || (key0 === "text"))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.kind !== undefined){
let data2 = data.kind;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.kind.type,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!((data2 === "sound") || (data2 === "tts"))){
const err9 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema39.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.kind.enum,parentSchema:schema39.properties.kind,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.soundId !== undefined){
if(!(validate27(data.soundId, {instancePath:instancePath+"/soundId",parentData:data,parentDataProperty:"soundId",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
if(data.text !== undefined){
if(!(validate29(data.text, {instancePath:instancePath+"/text",parentData:data,parentDataProperty:"text",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate108.errors = vErrors;
return errors === 0;
}
validate108.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate107(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/steps/hangup.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate107.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.cause === undefined){
data.cause = "normal";
}
for(const key0 in data){
if(!((key0 === "prompt") || (key0 === "cause"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.prompt !== undefined){
if(!(validate108(data.prompt, {instancePath:instancePath+"/prompt",parentData:data,parentDataProperty:"prompt",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate108.errors : vErrors.concat(validate108.errors);
errors = vErrors.length;
}
}
let data1 = data.cause;
if(typeof data1 !== "string"){
const err1 = {instancePath:instancePath+"/cause",schemaPath:"#/properties/cause/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema104.properties.cause.type,parentSchema:schema104.properties.cause,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!(((data1 === "normal") || (data1 === "busy")) || (data1 === "rejected"))){
const err2 = {instancePath:instancePath+"/cause",schemaPath:"#/properties/cause/enum",keyword:"enum",params:{allowedValues: schema104.properties.cause.enum},message:"must be equal to one of the allowed values",schema:schema104.properties.cause.enum,parentSchema:schema104.properties.cause,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema104.type,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate107.errors = vErrors;
return errors === 0;
}
validate107.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.type === undefined) && (missing0 = "type")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.type !== undefined){
if("message" !== data.type){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate25(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
if(valid1){
var props0 = {};
props0.config = true;
props0.type = true;
}
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[0].if,parentSchema:schema37.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs8 = errors;
let valid4 = true;
const _errs9 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.type === undefined) && (missing1 = "type")){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
else {
if(data.type !== undefined){
if("menu" !== data.type){
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
}
var _valid1 = _errs9 === errors;
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs11 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate33(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
}
var _valid1 = _errs11 === errors;
valid4 = _valid1;
if(valid4){
var props1 = {};
props1.config = true;
props1.type = true;
}
}
if(!valid4){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[1].if,parentSchema:schema37.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(props0 !== true && props1 !== undefined){
if(props1 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props1);
}
}
const _errs14 = errors;
let valid7 = true;
const _errs15 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing2;
if((data.type === undefined) && (missing2 = "type")){
const err6 = {};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
else {
if(data.type !== undefined){
if("input" !== data.type){
const err7 = {};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
var _valid2 = _errs15 === errors;
errors = _errs14;
if(vErrors !== null){
if(_errs14){
vErrors.length = _errs14;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs17 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate41(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate41.errors : vErrors.concat(validate41.errors);
errors = vErrors.length;
}
}
}
var _valid2 = _errs17 === errors;
valid7 = _valid2;
if(valid7){
var props2 = {};
props2.config = true;
props2.type = true;
}
}
if(!valid7){
const err8 = {instancePath,schemaPath:"#/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[2].if,parentSchema:schema37.allOf[2],data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(props0 !== true && props2 !== undefined){
if(props2 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props2);
}
}
const _errs20 = errors;
let valid10 = true;
const _errs21 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing3;
if((data.type === undefined) && (missing3 = "type")){
const err9 = {};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
else {
if(data.type !== undefined){
if("hours" !== data.type){
const err10 = {};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
var _valid3 = _errs21 === errors;
errors = _errs20;
if(vErrors !== null){
if(_errs20){
vErrors.length = _errs20;
}
else {
vErrors = null;
}
}
if(_valid3){
const _errs23 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate49(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate49.errors : vErrors.concat(validate49.errors);
errors = vErrors.length;
}
}
}
var _valid3 = _errs23 === errors;
valid10 = _valid3;
if(valid10){
var props3 = {};
props3.config = true;
props3.type = true;
}
}
if(!valid10){
const err11 = {instancePath,schemaPath:"#/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[3].if,parentSchema:schema37.allOf[3],data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(props0 !== true && props3 !== undefined){
if(props3 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props3);
}
}
const _errs26 = errors;
let valid13 = true;
const _errs27 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing4;
if((data.type === undefined) && (missing4 = "type")){
const err12 = {};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
else {
if(data.type !== undefined){
if("queue-group" !== data.type){
const err13 = {};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
var _valid4 = _errs27 === errors;
errors = _errs26;
if(vErrors !== null){
if(_errs26){
vErrors.length = _errs26;
}
else {
vErrors = null;
}
}
if(_valid4){
const _errs29 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate53(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate53.errors : vErrors.concat(validate53.errors);
errors = vErrors.length;
}
}
}
var _valid4 = _errs29 === errors;
valid13 = _valid4;
if(valid13){
var props4 = {};
props4.config = true;
props4.type = true;
}
}
if(!valid13){
const err14 = {instancePath,schemaPath:"#/allOf/4/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[4].if,parentSchema:schema37.allOf[4],data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(props0 !== true && props4 !== undefined){
if(props4 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props4);
}
}
const _errs32 = errors;
let valid16 = true;
const _errs33 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing5;
if((data.type === undefined) && (missing5 = "type")){
const err15 = {};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
if(data.type !== undefined){
if("redirect" !== data.type){
const err16 = {};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
var _valid5 = _errs33 === errors;
errors = _errs32;
if(vErrors !== null){
if(_errs32){
vErrors.length = _errs32;
}
else {
vErrors = null;
}
}
if(_valid5){
const _errs35 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate59(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate59.errors : vErrors.concat(validate59.errors);
errors = vErrors.length;
}
}
}
var _valid5 = _errs35 === errors;
valid16 = _valid5;
if(valid16){
var props5 = {};
props5.config = true;
props5.type = true;
}
}
if(!valid16){
const err17 = {instancePath,schemaPath:"#/allOf/5/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[5].if,parentSchema:schema37.allOf[5],data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(props0 !== true && props5 !== undefined){
if(props5 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props5);
}
}
const _errs38 = errors;
let valid19 = true;
const _errs39 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing6;
if((data.type === undefined) && (missing6 = "type")){
const err18 = {};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
else {
if(data.type !== undefined){
if("voicemail" !== data.type){
const err19 = {};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
}
var _valid6 = _errs39 === errors;
errors = _errs38;
if(vErrors !== null){
if(_errs38){
vErrors.length = _errs38;
}
else {
vErrors = null;
}
}
if(_valid6){
const _errs41 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate67(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);
errors = vErrors.length;
}
}
}
var _valid6 = _errs41 === errors;
valid19 = _valid6;
if(valid19){
var props6 = {};
props6.config = true;
props6.type = true;
}
}
if(!valid19){
const err20 = {instancePath,schemaPath:"#/allOf/6/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[6].if,parentSchema:schema37.allOf[6],data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(props0 !== true && props6 !== undefined){
if(props6 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props6);
}
}
const _errs44 = errors;
let valid22 = true;
const _errs45 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing7;
if((data.type === undefined) && (missing7 = "type")){
const err21 = {};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
else {
if(data.type !== undefined){
if("callback" !== data.type){
const err22 = {};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
}
var _valid7 = _errs45 === errors;
errors = _errs44;
if(vErrors !== null){
if(_errs44){
vErrors.length = _errs44;
}
else {
vErrors = null;
}
}
if(_valid7){
const _errs47 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate77(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate77.errors : vErrors.concat(validate77.errors);
errors = vErrors.length;
}
}
}
var _valid7 = _errs47 === errors;
valid22 = _valid7;
if(valid22){
var props7 = {};
props7.config = true;
props7.type = true;
}
}
if(!valid22){
const err23 = {instancePath,schemaPath:"#/allOf/7/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[7].if,parentSchema:schema37.allOf[7],data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(props0 !== true && props7 !== undefined){
if(props7 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props7);
}
}
const _errs50 = errors;
let valid25 = true;
const _errs51 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing8;
if((data.type === undefined) && (missing8 = "type")){
const err24 = {};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
else {
if(data.type !== undefined){
if("sms" !== data.type){
const err25 = {};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
}
var _valid8 = _errs51 === errors;
errors = _errs50;
if(vErrors !== null){
if(_errs50){
vErrors.length = _errs50;
}
else {
vErrors = null;
}
}
if(_valid8){
const _errs53 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate89(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate89.errors : vErrors.concat(validate89.errors);
errors = vErrors.length;
}
}
}
var _valid8 = _errs53 === errors;
valid25 = _valid8;
if(valid25){
var props8 = {};
props8.config = true;
props8.type = true;
}
}
if(!valid25){
const err26 = {instancePath,schemaPath:"#/allOf/8/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[8].if,parentSchema:schema37.allOf[8],data};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(props0 !== true && props8 !== undefined){
if(props8 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props8);
}
}
const _errs56 = errors;
let valid28 = true;
const _errs57 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing9;
if((data.type === undefined) && (missing9 = "type")){
const err27 = {};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
else {
if(data.type !== undefined){
if("forbidden-transfer" !== data.type){
const err28 = {};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
}
var _valid9 = _errs57 === errors;
errors = _errs56;
if(vErrors !== null){
if(_errs56){
vErrors.length = _errs56;
}
else {
vErrors = null;
}
}
if(_valid9){
const _errs59 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate93(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate93.errors : vErrors.concat(validate93.errors);
errors = vErrors.length;
}
}
}
var _valid9 = _errs59 === errors;
valid28 = _valid9;
if(valid28){
var props9 = {};
props9.config = true;
props9.type = true;
}
}
if(!valid28){
const err29 = {instancePath,schemaPath:"#/allOf/9/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[9].if,parentSchema:schema37.allOf[9],data};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(props0 !== true && props9 !== undefined){
if(props9 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props9);
}
}
const _errs62 = errors;
let valid31 = true;
const _errs63 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing10;
if((data.type === undefined) && (missing10 = "type")){
const err30 = {};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
else {
if(data.type !== undefined){
if("filter" !== data.type){
const err31 = {};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
}
var _valid10 = _errs63 === errors;
errors = _errs62;
if(vErrors !== null){
if(_errs62){
vErrors.length = _errs62;
}
else {
vErrors = null;
}
}
if(_valid10){
const _errs65 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate97(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate97.errors : vErrors.concat(validate97.errors);
errors = vErrors.length;
}
}
}
var _valid10 = _errs65 === errors;
valid31 = _valid10;
if(valid31){
var props10 = {};
props10.config = true;
props10.type = true;
}
}
if(!valid31){
const err32 = {instancePath,schemaPath:"#/allOf/10/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[10].if,parentSchema:schema37.allOf[10],data};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(props0 !== true && props10 !== undefined){
if(props10 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props10);
}
}
const _errs68 = errors;
let valid34 = true;
const _errs69 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing11;
if((data.type === undefined) && (missing11 = "type")){
const err33 = {};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
else {
if(data.type !== undefined){
if("split" !== data.type){
const err34 = {};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
}
var _valid11 = _errs69 === errors;
errors = _errs68;
if(vErrors !== null){
if(_errs68){
vErrors.length = _errs68;
}
else {
vErrors = null;
}
}
if(_valid11){
const _errs71 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate99(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate99.errors : vErrors.concat(validate99.errors);
errors = vErrors.length;
}
}
}
var _valid11 = _errs71 === errors;
valid34 = _valid11;
if(valid34){
var props11 = {};
props11.config = true;
props11.type = true;
}
}
if(!valid34){
const err35 = {instancePath,schemaPath:"#/allOf/11/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[11].if,parentSchema:schema37.allOf[11],data};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(props0 !== true && props11 !== undefined){
if(props11 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props11);
}
}
const _errs74 = errors;
let valid37 = true;
const _errs75 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing12;
if((data.type === undefined) && (missing12 = "type")){
const err36 = {};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
else {
if(data.type !== undefined){
if("variable" !== data.type){
const err37 = {};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
}
var _valid12 = _errs75 === errors;
errors = _errs74;
if(vErrors !== null){
if(_errs74){
vErrors.length = _errs74;
}
else {
vErrors = null;
}
}
if(_valid12){
const _errs77 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate101(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate101.errors : vErrors.concat(validate101.errors);
errors = vErrors.length;
}
}
}
var _valid12 = _errs77 === errors;
valid37 = _valid12;
if(valid37){
var props12 = {};
props12.config = true;
props12.type = true;
}
}
if(!valid37){
const err38 = {instancePath,schemaPath:"#/allOf/12/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[12].if,parentSchema:schema37.allOf[12],data};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(props0 !== true && props12 !== undefined){
if(props12 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props12);
}
}
const _errs80 = errors;
let valid40 = true;
const _errs81 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing13;
if((data.type === undefined) && (missing13 = "type")){
const err39 = {};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
else {
if(data.type !== undefined){
if("http-request" !== data.type){
const err40 = {};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
}
var _valid13 = _errs81 === errors;
errors = _errs80;
if(vErrors !== null){
if(_errs80){
vErrors.length = _errs80;
}
else {
vErrors = null;
}
}
if(_valid13){
const _errs83 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate103(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate103.errors : vErrors.concat(validate103.errors);
errors = vErrors.length;
}
}
}
var _valid13 = _errs83 === errors;
valid40 = _valid13;
if(valid40){
var props13 = {};
props13.config = true;
props13.type = true;
}
}
if(!valid40){
const err41 = {instancePath,schemaPath:"#/allOf/13/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[13].if,parentSchema:schema37.allOf[13],data};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(props0 !== true && props13 !== undefined){
if(props13 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props13);
}
}
const _errs86 = errors;
let valid43 = true;
const _errs87 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing14;
if((data.type === undefined) && (missing14 = "type")){
const err42 = {};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
else {
if(data.type !== undefined){
if("condition" !== data.type){
const err43 = {};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
}
var _valid14 = _errs87 === errors;
errors = _errs86;
if(vErrors !== null){
if(_errs86){
vErrors.length = _errs86;
}
else {
vErrors = null;
}
}
if(_valid14){
const _errs89 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate105(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate105.errors : vErrors.concat(validate105.errors);
errors = vErrors.length;
}
}
}
var _valid14 = _errs89 === errors;
valid43 = _valid14;
if(valid43){
var props14 = {};
props14.config = true;
props14.type = true;
}
}
if(!valid43){
const err44 = {instancePath,schemaPath:"#/allOf/14/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[14].if,parentSchema:schema37.allOf[14],data};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(props0 !== true && props14 !== undefined){
if(props14 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props14);
}
}
const _errs92 = errors;
let valid46 = true;
const _errs93 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing15;
if((data.type === undefined) && (missing15 = "type")){
const err45 = {};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
else {
if(data.type !== undefined){
if("hangup" !== data.type){
const err46 = {};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
}
var _valid15 = _errs93 === errors;
errors = _errs92;
if(vErrors !== null){
if(_errs92){
vErrors.length = _errs92;
}
else {
vErrors = null;
}
}
if(_valid15){
const _errs95 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.config !== undefined){
if(!(validate107(data.config, {instancePath:instancePath+"/config",parentData:data,parentDataProperty:"config",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate107.errors : vErrors.concat(validate107.errors);
errors = vErrors.length;
}
}
}
var _valid15 = _errs95 === errors;
valid46 = _valid15;
if(valid46){
var props15 = {};
props15.config = true;
props15.type = true;
}
}
if(!valid46){
const err47 = {instancePath,schemaPath:"#/allOf/15/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema37.allOf[15].if,parentSchema:schema37.allOf[15],data};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(props0 !== true && props15 !== undefined){
if(props15 === true){
props0 = true;
}
else {
props0 = props0 || {};
Object.assign(props0, props15);
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err48 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema37.required,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(data.type === undefined){
const err49 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema37.required,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(data.position === undefined){
const err50 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "position"},message:"must have required property '"+"position"+"'",schema:schema37.required,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(data.config === undefined){
const err51 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "config"},message:"must have required property '"+"config"+"'",schema:schema37.required,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "id") || (key0 === "type")) || (key0 === "position")) || (key0 === "label")) || (key0 === "config"))){
const err52 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data.id !== undefined){
let data32 = data.id;
if(typeof data32 === "string"){
if(!pattern4.test(data32)){
const err53 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/nodeId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\"",schema:"^[A-Za-z0-9_-]{1,64}$",parentSchema:schema34,data:data32};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
else {
const err54 = {instancePath:instancePath+"/id",schemaPath:"#/$defs/nodeId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data32};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data.type !== undefined){
let data33 = data.type;
if(typeof data33 !== "string"){
const err55 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.type.type,parentSchema:schema37.properties.type,data:data33};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(!((((((((((((((((data33 === "message") || (data33 === "menu")) || (data33 === "input")) || (data33 === "hours")) || (data33 === "queue-group")) || (data33 === "redirect")) || (data33 === "voicemail")) || (data33 === "callback")) || (data33 === "sms")) || (data33 === "forbidden-transfer")) || (data33 === "filter")) || (data33 === "split")) || (data33 === "variable")) || (data33 === "http-request")) || (data33 === "condition")) || (data33 === "hangup"))){
const err56 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema37.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema37.properties.type.enum,parentSchema:schema37.properties.type,data:data33};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.position !== undefined){
let data34 = data.position;
if(data34 && typeof data34 == "object" && !Array.isArray(data34)){
if(data34.x === undefined){
const err57 = {instancePath:instancePath+"/position",schemaPath:"#/$defs/position/required",keyword:"required",params:{missingProperty: "x"},message:"must have required property '"+"x"+"'",schema:schema107.required,parentSchema:schema107,data:data34};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data34.y === undefined){
const err58 = {instancePath:instancePath+"/position",schemaPath:"#/$defs/position/required",keyword:"required",params:{missingProperty: "y"},message:"must have required property '"+"y"+"'",schema:schema107.required,parentSchema:schema107,data:data34};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key1 in data34){
if(!((key1 === "x") || (key1 === "y"))){
const err59 = {instancePath:instancePath+"/position",schemaPath:"#/$defs/position/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema107,data:data34};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data34.x !== undefined){
let data35 = data34.x;
if(!((typeof data35 == "number") && (isFinite(data35)))){
const err60 = {instancePath:instancePath+"/position/x",schemaPath:"#/$defs/position/properties/x/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema107.properties.x.type,parentSchema:schema107.properties.x,data:data35};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data34.y !== undefined){
let data36 = data34.y;
if(!((typeof data36 == "number") && (isFinite(data36)))){
const err61 = {instancePath:instancePath+"/position/y",schemaPath:"#/$defs/position/properties/y/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema107.properties.y.type,parentSchema:schema107.properties.y,data:data36};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
}
else {
const err62 = {instancePath:instancePath+"/position",schemaPath:"#/$defs/position/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema107.type,parentSchema:schema107,data:data34};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data.label !== undefined){
let data37 = data.label;
if(typeof data37 === "string"){
if(func2(data37) > 120){
const err63 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters",schema:120,parentSchema:schema37.properties.label,data:data37};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.properties.label.type,parentSchema:schema37.properties.label,data:data37};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data.config !== undefined){
let data38 = data.config;
if(!(data38 && typeof data38 == "object" && !Array.isArray(data38))){
const err65 = {instancePath:instancePath+"/config",schemaPath:"#/properties/config/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.properties.config.type,parentSchema:schema37.properties.config,data:data38};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
else {
const err66 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema37.type,parentSchema:schema37,data};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}
validate24.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema108 = {"type":"object","additionalProperties":false,"required":["id","source","sourceOutput","target"],"properties":{"id":{"type":"string","pattern":"^[A-Za-z0-9_:.-]{1,128}$"},"source":{"$ref":"#/$defs/nodeId"},"sourceOutput":{"$ref":"common.schema.json#/$defs/outputId"},"target":{"$ref":"#/$defs/nodeId"}}};
const pattern33 = new RegExp("^[A-Za-z0-9_:.-]{1,128}$", "u");

function validate114(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate114.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema108.required,parentSchema:schema108,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.source === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "source"},message:"must have required property '"+"source"+"'",schema:schema108.required,parentSchema:schema108,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.sourceOutput === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "sourceOutput"},message:"must have required property '"+"sourceOutput"+"'",schema:schema108.required,parentSchema:schema108,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.target === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:schema108.required,parentSchema:schema108,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "id") || (key0 === "source")) || (key0 === "sourceOutput")) || (key0 === "target"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema108,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!pattern33.test(data0)){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_:.-]{1,128}$"},message:"must match pattern \""+"^[A-Za-z0-9_:.-]{1,128}$"+"\"",schema:"^[A-Za-z0-9_:.-]{1,128}$",parentSchema:schema108.properties.id,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema108.properties.id.type,parentSchema:schema108.properties.id,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.source !== undefined){
let data1 = data.source;
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
const err7 = {instancePath:instancePath+"/source",schemaPath:"#/$defs/nodeId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\"",schema:"^[A-Za-z0-9_-]{1,64}$",parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/source",schemaPath:"#/$defs/nodeId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.sourceOutput !== undefined){
let data2 = data.sourceOutput;
if(typeof data2 === "string"){
if(!pattern25.test(data2)){
const err9 = {instancePath:instancePath+"/sourceOutput",schemaPath:"common.schema.json#/$defs/outputId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,40}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,40}$"+"\"",schema:"^[A-Za-z0-9_-]{1,40}$",parentSchema:schema91,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/sourceOutput",schemaPath:"common.schema.json#/$defs/outputId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema91.type,parentSchema:schema91,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.target !== undefined){
let data3 = data.target;
if(typeof data3 === "string"){
if(!pattern4.test(data3)){
const err11 = {instancePath:instancePath+"/target",schemaPath:"#/$defs/nodeId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\"",schema:"^[A-Za-z0-9_-]{1,64}$",parentSchema:schema34,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/target",schemaPath:"#/$defs/nodeId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema108.type,parentSchema:schema108,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate114.errors = vErrors;
return errors === 0;
}
validate114.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema112 = {"type":"object","additionalProperties":false,"required":["id","name","input","expect"],"description":"A saved test call: what the caller does and what the call must do.","properties":{"id":{"type":"string","pattern":"^[A-Za-z0-9_-]{1,64}$","description":"Case id, unique in the flow."},"name":{"type":"string","minLength":1,"maxLength":120},"input":{"$ref":"#/$defs/testInput"},"expect":{"$ref":"#/$defs/testExpect"}}};
const schema118 = {"type":"object","additionalProperties":false,"description":"What the call must do; only the fields given are compared.","properties":{"endNodeId":{"type":["string","null"],"maxLength":200,"description":"Node the call ends at."},"outcome":{"type":["string","null"],"enum":["abandoned","cancelled","no_answer","busy","answered",null],"description":"Call outcome as stored."},"visited":{"type":"array","maxItems":1000,"items":{"type":"string","maxLength":200},"description":"Nodes entered, in order."},"variables":{"type":"object","maxProperties":200,"description":"Variables and their final values."}}};
const schema113 = {"type":"object","additionalProperties":false,"required":["caller","called","at","actions"],"description":"The simulated call: who calls, when, who answers, what the caller does.","properties":{"caller":{"type":["string","null"],"maxLength":32,"description":"Caller's number (E.164 or national); null: hidden."},"called":{"type":"string","maxLength":32,"description":"Number called (E.164)."},"at":{"type":"string","pattern":"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$","description":"Local date and time of the call, YYYY-MM-DDTHH:mm."},"timezone":{"type":"string","minLength":1,"maxLength":64,"description":"IANA time zone of at; default: the organisation's."},"language":{"$ref":"common.schema.json#/$defs/language"},"agents":{"type":"object","maxProperties":500,"description":"Agents' presence overrides by agent id.","additionalProperties":{"type":"string","enum":["available","busy","paused","offline"]}},"answer":{"type":"string","minLength":1,"maxLength":64,"description":"Who picks up: first, nobody, or an agent id."},"talkSeconds":{"type":"integer","minimum":0,"maximum":86400},"actions":{"type":"array","maxItems":500,"items":{"$ref":"#/$defs/testAction"}},"http":{"type":"array","maxItems":100,"items":{"$ref":"#/$defs/testHttpAnswer"}},"seed":{"type":"integer","minimum":-2147483648,"maximum":4294967295}}};
const schema115 = {"description":"What the caller does when the call waits: keys, silence or hang-up.","oneOf":[{"type":"object","additionalProperties":false,"required":["kind","digits"],"properties":{"kind":{"const":"dtmf"},"digits":{"type":"string","pattern":"^[0-9*#A-Da-d]{1,64}$"}}},{"type":"object","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"silence"}}},{"type":"object","additionalProperties":false,"required":["kind"],"properties":{"kind":{"const":"hangup"}}}]};
const pattern38 = new RegExp("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$", "u");
const pattern39 = new RegExp("^[0-9*#A-Da-d]{1,64}$", "u");
const schema116 = {"type":"object","additionalProperties":false,"required":["nodeId"],"description":"A typed answer of an HTTP request step: a status and body, or a transport error.","properties":{"nodeId":{"$ref":"#/$defs/nodeId"},"status":{"type":"integer","minimum":100,"maximum":599},"body":{"type":"string","maxLength":65536},"error":{"type":"string","enum":["network","timeout","refused"]}}};

function validate118(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate118.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.nodeId === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "nodeId"},message:"must have required property '"+"nodeId"+"'",schema:schema116.required,parentSchema:schema116,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "nodeId") || (key0 === "status")) || (key0 === "body")) || (key0 === "error"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema116,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.nodeId !== undefined){
let data0 = data.nodeId;
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err2 = {instancePath:instancePath+"/nodeId",schemaPath:"#/$defs/nodeId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\"",schema:"^[A-Za-z0-9_-]{1,64}$",parentSchema:schema34,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/nodeId",schemaPath:"#/$defs/nodeId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.status !== undefined){
let data1 = data.status;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema116.properties.status.type,parentSchema:schema116.properties.status,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 599 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/maximum",keyword:"maximum",params:{comparison: "<=", limit: 599},message:"must be <= 599",schema:599,parentSchema:schema116.properties.status,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1 < 100 || isNaN(data1)){
const err6 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100",schema:100,parentSchema:schema116.properties.status,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.body !== undefined){
let data2 = data.body;
if(typeof data2 === "string"){
if(func2(data2) > 65536){
const err7 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/maxLength",keyword:"maxLength",params:{limit: 65536},message:"must NOT have more than 65536 characters",schema:65536,parentSchema:schema116.properties.body,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/body",schemaPath:"#/properties/body/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.body.type,parentSchema:schema116.properties.body,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.error !== undefined){
let data3 = data.error;
if(typeof data3 !== "string"){
const err9 = {instancePath:instancePath+"/error",schemaPath:"#/properties/error/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema116.properties.error.type,parentSchema:schema116.properties.error,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!(((data3 === "network") || (data3 === "timeout")) || (data3 === "refused"))){
const err10 = {instancePath:instancePath+"/error",schemaPath:"#/properties/error/enum",keyword:"enum",params:{allowedValues: schema116.properties.error.enum},message:"must be equal to one of the allowed values",schema:schema116.properties.error.enum,parentSchema:schema116.properties.error,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema116.type,parentSchema:schema116,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate118.errors = vErrors;
return errors === 0;
}
validate118.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate117(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate117.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.caller === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "caller"},message:"must have required property '"+"caller"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.called === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "called"},message:"must have required property '"+"called"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.at === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "at"},message:"must have required property '"+"at"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.actions === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "actions"},message:"must have required property '"+"actions"+"'",schema:schema113.required,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema113.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.caller !== undefined){
let data0 = data.caller;
if((typeof data0 !== "string") && (data0 !== null)){
const err5 = {instancePath:instancePath+"/caller",schemaPath:"#/properties/caller/type",keyword:"type",params:{type: schema113.properties.caller.type},message:"must be string,null",schema:schema113.properties.caller.type,parentSchema:schema113.properties.caller,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(typeof data0 === "string"){
if(func2(data0) > 32){
const err6 = {instancePath:instancePath+"/caller",schemaPath:"#/properties/caller/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema113.properties.caller,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.called !== undefined){
let data1 = data.called;
if(typeof data1 === "string"){
if(func2(data1) > 32){
const err7 = {instancePath:instancePath+"/called",schemaPath:"#/properties/called/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema113.properties.called,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/called",schemaPath:"#/properties/called/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.called.type,parentSchema:schema113.properties.called,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.at !== undefined){
let data2 = data.at;
if(typeof data2 === "string"){
if(!pattern38.test(data2)){
const err9 = {instancePath:instancePath+"/at",schemaPath:"#/properties/at/pattern",keyword:"pattern",params:{pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$"},message:"must match pattern \""+"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$"+"\"",schema:"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?$",parentSchema:schema113.properties.at,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/at",schemaPath:"#/properties/at/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.at.type,parentSchema:schema113.properties.at,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.timezone !== undefined){
let data3 = data.timezone;
if(typeof data3 === "string"){
if(func2(data3) > 64){
const err11 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema113.properties.timezone,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func2(data3) < 1){
const err12 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema113.properties.timezone,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/timezone",schemaPath:"#/properties/timezone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.timezone.type,parentSchema:schema113.properties.timezone,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.language !== undefined){
let data4 = data.language;
if(typeof data4 !== "string"){
const err14 = {instancePath:instancePath+"/language",schemaPath:"common.schema.json#/$defs/language/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!((data4 === "fr") || (data4 === "en"))){
const err15 = {instancePath:instancePath+"/language",schemaPath:"common.schema.json#/$defs/language/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.agents !== undefined){
let data5 = data.agents;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(Object.keys(data5).length > 500){
const err16 = {instancePath:instancePath+"/agents",schemaPath:"#/properties/agents/maxProperties",keyword:"maxProperties",params:{limit: 500},message:"must NOT have more than 500 properties",schema:500,parentSchema:schema113.properties.agents,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
for(const key1 in data5){
let data6 = data5[key1];
if(typeof data6 !== "string"){
const err17 = {instancePath:instancePath+"/agents/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.agents.additionalProperties.type,parentSchema:schema113.properties.agents.additionalProperties,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!((((data6 === "available") || (data6 === "busy")) || (data6 === "paused")) || (data6 === "offline"))){
const err18 = {instancePath:instancePath+"/agents/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/additionalProperties/enum",keyword:"enum",params:{allowedValues: schema113.properties.agents.additionalProperties.enum},message:"must be equal to one of the allowed values",schema:schema113.properties.agents.additionalProperties.enum,parentSchema:schema113.properties.agents.additionalProperties,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/agents",schemaPath:"#/properties/agents/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema113.properties.agents.type,parentSchema:schema113.properties.agents,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.answer !== undefined){
let data7 = data.answer;
if(typeof data7 === "string"){
if(func2(data7) > 64){
const err20 = {instancePath:instancePath+"/answer",schemaPath:"#/properties/answer/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema113.properties.answer,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(func2(data7) < 1){
const err21 = {instancePath:instancePath+"/answer",schemaPath:"#/properties/answer/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema113.properties.answer,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/answer",schemaPath:"#/properties/answer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema113.properties.answer.type,parentSchema:schema113.properties.answer,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.talkSeconds !== undefined){
let data8 = data.talkSeconds;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err23 = {instancePath:instancePath+"/talkSeconds",schemaPath:"#/properties/talkSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema113.properties.talkSeconds.type,parentSchema:schema113.properties.talkSeconds,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 86400 || isNaN(data8)){
const err24 = {instancePath:instancePath+"/talkSeconds",schemaPath:"#/properties/talkSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 86400},message:"must be <= 86400",schema:86400,parentSchema:schema113.properties.talkSeconds,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data8 < 0 || isNaN(data8)){
const err25 = {instancePath:instancePath+"/talkSeconds",schemaPath:"#/properties/talkSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema113.properties.talkSeconds,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
if(data.actions !== undefined){
let data9 = data.actions;
if(Array.isArray(data9)){
if(data9.length > 500){
const err26 = {instancePath:instancePath+"/actions",schemaPath:"#/properties/actions/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items",schema:500,parentSchema:schema113.properties.actions,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const len0 = data9.length;
for(let i0=0; i0<len0; i0++){
let data10 = data9[i0];
const _errs26 = errors;
let valid6 = false;
let passing0 = null;
const _errs27 = errors;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.kind === undefined){
const err27 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/0/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema115.oneOf[0].required,parentSchema:schema115.oneOf[0],data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data10.digits === undefined){
const err28 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/0/required",keyword:"required",params:{missingProperty: "digits"},message:"must have required property '"+"digits"+"'",schema:schema115.oneOf[0].required,parentSchema:schema115.oneOf[0],data:data10};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
for(const key2 in data10){
if(!((key2 === "kind") || (key2 === "digits"))){
const err29 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema115.oneOf[0],data:data10};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data10.kind !== undefined){
let data11 = data10.kind;
if("dtmf" !== data11){
const err30 = {instancePath:instancePath+"/actions/" + i0+"/kind",schemaPath:"#/$defs/testAction/oneOf/0/properties/kind/const",keyword:"const",params:{allowedValue: "dtmf"},message:"must be equal to constant",schema:"dtmf",parentSchema:schema115.oneOf[0].properties.kind,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data10.digits !== undefined){
let data12 = data10.digits;
if(typeof data12 === "string"){
if(!pattern39.test(data12)){
const err31 = {instancePath:instancePath+"/actions/" + i0+"/digits",schemaPath:"#/$defs/testAction/oneOf/0/properties/digits/pattern",keyword:"pattern",params:{pattern: "^[0-9*#A-Da-d]{1,64}$"},message:"must match pattern \""+"^[0-9*#A-Da-d]{1,64}$"+"\"",schema:"^[0-9*#A-Da-d]{1,64}$",parentSchema:schema115.oneOf[0].properties.digits,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/actions/" + i0+"/digits",schemaPath:"#/$defs/testAction/oneOf/0/properties/digits/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema115.oneOf[0].properties.digits.type,parentSchema:schema115.oneOf[0].properties.digits,data:data12};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema115.oneOf[0].type,parentSchema:schema115.oneOf[0],data:data10};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid0 = _errs27 === errors;
if(_valid0){
valid6 = true;
passing0 = 0;
var props0 = true;
}
const _errs33 = errors;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.kind === undefined){
const err34 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/1/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema115.oneOf[1].required,parentSchema:schema115.oneOf[1],data:data10};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
for(const key3 in data10){
if(!(key3 === "kind")){
const err35 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema115.oneOf[1],data:data10};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data10.kind !== undefined){
let data13 = data10.kind;
if("silence" !== data13){
const err36 = {instancePath:instancePath+"/actions/" + i0+"/kind",schemaPath:"#/$defs/testAction/oneOf/1/properties/kind/const",keyword:"const",params:{allowedValue: "silence"},message:"must be equal to constant",schema:"silence",parentSchema:schema115.oneOf[1].properties.kind,data:data13};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema115.oneOf[1].type,parentSchema:schema115.oneOf[1],data:data10};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
var _valid0 = _errs33 === errors;
if(_valid0 && valid6){
valid6 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid6 = true;
passing0 = 1;
if(props0 !== true){
props0 = true;
}
}
const _errs37 = errors;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.kind === undefined){
const err38 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/2/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema115.oneOf[2].required,parentSchema:schema115.oneOf[2],data:data10};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
for(const key4 in data10){
if(!(key4 === "kind")){
const err39 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema115.oneOf[2],data:data10};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data10.kind !== undefined){
let data14 = data10.kind;
if("hangup" !== data14){
const err40 = {instancePath:instancePath+"/actions/" + i0+"/kind",schemaPath:"#/$defs/testAction/oneOf/2/properties/kind/const",keyword:"const",params:{allowedValue: "hangup"},message:"must be equal to constant",schema:"hangup",parentSchema:schema115.oneOf[2].properties.kind,data:data14};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema115.oneOf[2].type,parentSchema:schema115.oneOf[2],data:data10};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
var _valid0 = _errs37 === errors;
if(_valid0 && valid6){
valid6 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid6 = true;
passing0 = 2;
if(props0 !== true){
props0 = true;
}
}
}
}
if(!valid6){
const err42 = {instancePath:instancePath+"/actions/" + i0,schemaPath:"#/$defs/testAction/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema115.oneOf,parentSchema:schema115,data:data10};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
else {
errors = _errs26;
if(vErrors !== null){
if(_errs26){
vErrors.length = _errs26;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err43 = {instancePath:instancePath+"/actions",schemaPath:"#/properties/actions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema113.properties.actions.type,parentSchema:schema113.properties.actions,data:data9};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.http !== undefined){
let data15 = data.http;
if(Array.isArray(data15)){
if(data15.length > 100){
const err44 = {instancePath:instancePath+"/http",schemaPath:"#/properties/http/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items",schema:100,parentSchema:schema113.properties.http,data:data15};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
const len1 = data15.length;
for(let i1=0; i1<len1; i1++){
if(!(validate118(data15[i1], {instancePath:instancePath+"/http/" + i1,parentData:data15,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate118.errors : vErrors.concat(validate118.errors);
errors = vErrors.length;
}
}
}
else {
const err45 = {instancePath:instancePath+"/http",schemaPath:"#/properties/http/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema113.properties.http.type,parentSchema:schema113.properties.http,data:data15};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.seed !== undefined){
let data17 = data.seed;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err46 = {instancePath:instancePath+"/seed",schemaPath:"#/properties/seed/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema113.properties.seed.type,parentSchema:schema113.properties.seed,data:data17};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 4294967295 || isNaN(data17)){
const err47 = {instancePath:instancePath+"/seed",schemaPath:"#/properties/seed/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295",schema:4294967295,parentSchema:schema113.properties.seed,data:data17};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(data17 < -2147483648 || isNaN(data17)){
const err48 = {instancePath:instancePath+"/seed",schemaPath:"#/properties/seed/minimum",keyword:"minimum",params:{comparison: ">=", limit: -2147483648},message:"must be >= -2147483648",schema:-2147483648,parentSchema:schema113.properties.seed,data:data17};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
}
else {
const err49 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema113.type,parentSchema:schema113,data};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
validate117.errors = vErrors;
return errors === 0;
}
validate117.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate116(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate116.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema112.required,parentSchema:schema112,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.name === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema112.required,parentSchema:schema112,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.input === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "input"},message:"must have required property '"+"input"+"'",schema:schema112.required,parentSchema:schema112,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.expect === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "expect"},message:"must have required property '"+"expect"+"'",schema:schema112.required,parentSchema:schema112,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "id") || (key0 === "name")) || (key0 === "input")) || (key0 === "expect"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema112,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.id !== undefined){
let data0 = data.id;
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err5 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\"",schema:"^[A-Za-z0-9_-]{1,64}$",parentSchema:schema112.properties.id,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema112.properties.id.type,parentSchema:schema112.properties.id,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 === "string"){
if(func2(data1) > 120){
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters",schema:120,parentSchema:schema112.properties.name,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func2(data1) < 1){
const err8 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema112.properties.name,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema112.properties.name.type,parentSchema:schema112.properties.name,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.input !== undefined){
if(!(validate117(data.input, {instancePath:instancePath+"/input",parentData:data,parentDataProperty:"input",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate117.errors : vErrors.concat(validate117.errors);
errors = vErrors.length;
}
}
if(data.expect !== undefined){
let data3 = data.expect;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
if(!((((key1 === "endNodeId") || (key1 === "outcome")) || (key1 === "visited")) || (key1 === "variables"))){
const err10 = {instancePath:instancePath+"/expect",schemaPath:"#/$defs/testExpect/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema118,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.endNodeId !== undefined){
let data4 = data3.endNodeId;
if((typeof data4 !== "string") && (data4 !== null)){
const err11 = {instancePath:instancePath+"/expect/endNodeId",schemaPath:"#/$defs/testExpect/properties/endNodeId/type",keyword:"type",params:{type: schema118.properties.endNodeId.type},message:"must be string,null",schema:schema118.properties.endNodeId.type,parentSchema:schema118.properties.endNodeId,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(typeof data4 === "string"){
if(func2(data4) > 200){
const err12 = {instancePath:instancePath+"/expect/endNodeId",schemaPath:"#/$defs/testExpect/properties/endNodeId/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema118.properties.endNodeId,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data3.outcome !== undefined){
let data5 = data3.outcome;
if((typeof data5 !== "string") && (data5 !== null)){
const err13 = {instancePath:instancePath+"/expect/outcome",schemaPath:"#/$defs/testExpect/properties/outcome/type",keyword:"type",params:{type: schema118.properties.outcome.type},message:"must be string,null",schema:schema118.properties.outcome.type,parentSchema:schema118.properties.outcome,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!((((((data5 === "abandoned") || (data5 === "cancelled")) || (data5 === "no_answer")) || (data5 === "busy")) || (data5 === "answered")) || (data5 === null))){
const err14 = {instancePath:instancePath+"/expect/outcome",schemaPath:"#/$defs/testExpect/properties/outcome/enum",keyword:"enum",params:{allowedValues: schema118.properties.outcome.enum},message:"must be equal to one of the allowed values",schema:schema118.properties.outcome.enum,parentSchema:schema118.properties.outcome,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.visited !== undefined){
let data6 = data3.visited;
if(Array.isArray(data6)){
if(data6.length > 1000){
const err15 = {instancePath:instancePath+"/expect/visited",schemaPath:"#/$defs/testExpect/properties/visited/maxItems",keyword:"maxItems",params:{limit: 1000},message:"must NOT have more than 1000 items",schema:1000,parentSchema:schema118.properties.visited,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
let data7 = data6[i0];
if(typeof data7 === "string"){
if(func2(data7) > 200){
const err16 = {instancePath:instancePath+"/expect/visited/" + i0,schemaPath:"#/$defs/testExpect/properties/visited/items/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema118.properties.visited.items,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/expect/visited/" + i0,schemaPath:"#/$defs/testExpect/properties/visited/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema118.properties.visited.items.type,parentSchema:schema118.properties.visited.items,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/expect/visited",schemaPath:"#/$defs/testExpect/properties/visited/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema118.properties.visited.type,parentSchema:schema118.properties.visited,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data3.variables !== undefined){
let data8 = data3.variables;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(Object.keys(data8).length > 200){
const err19 = {instancePath:instancePath+"/expect/variables",schemaPath:"#/$defs/testExpect/properties/variables/maxProperties",keyword:"maxProperties",params:{limit: 200},message:"must NOT have more than 200 properties",schema:200,parentSchema:schema118.properties.variables,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/expect/variables",schemaPath:"#/$defs/testExpect/properties/variables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema118.properties.variables.type,parentSchema:schema118.properties.variables,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/expect",schemaPath:"#/$defs/testExpect/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema118.type,parentSchema:schema118,data:data3};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema112.type,parentSchema:schema112,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate116.errors = vErrors;
return errors === 0;
}
validate116.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://relais.dev/schemas/flow.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.language === undefined){
data.language = "fr";
}
if(data.schemaVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "schemaVersion"},message:"must have required property '"+"schemaVersion"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.name === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.entry === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entry"},message:"must have required property '"+"entry"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.nodes === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "nodes"},message:"must have required property '"+"nodes"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.edges === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "edges"},message:"must have required property '"+"edges"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.schemaVersion !== undefined){
let data0 = data.schemaVersion;
if(1 !== data0){
const err6 = {instancePath:instancePath+"/schemaVersion",schemaPath:"#/properties/schemaVersion/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema31.properties.schemaVersion,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 === "string"){
if(func2(data1) > 120){
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters",schema:120,parentSchema:schema31.properties.name,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func2(data1) < 1){
const err8 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.name,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.name.type,parentSchema:schema31.properties.name,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 === "string"){
if(func2(data2) > 2000){
const err10 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema31.properties.description,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.description.type,parentSchema:schema31.properties.description,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
let data3 = data.language;
if(typeof data3 !== "string"){
const err12 = {instancePath:instancePath+"/language",schemaPath:"common.schema.json#/$defs/language/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.type,parentSchema:schema33,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!((data3 === "fr") || (data3 === "en"))){
const err13 = {instancePath:instancePath+"/language",schemaPath:"common.schema.json#/$defs/language/enum",keyword:"enum",params:{allowedValues: schema33.enum},message:"must be equal to one of the allowed values",schema:schema33.enum,parentSchema:schema33,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data.entry !== undefined){
let data4 = data.entry;
if(typeof data4 === "string"){
if(!pattern4.test(data4)){
const err14 = {instancePath:instancePath+"/entry",schemaPath:"#/$defs/nodeId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]{1,64}$"},message:"must match pattern \""+"^[A-Za-z0-9_-]{1,64}$"+"\"",schema:"^[A-Za-z0-9_-]{1,64}$",parentSchema:schema34,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/entry",schemaPath:"#/$defs/nodeId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.type,parentSchema:schema34,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.settings !== undefined){
if(!(validate22(data.settings, {instancePath:instancePath+"/settings",parentData:data,parentDataProperty:"settings",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(data.nodes !== undefined){
let data6 = data.nodes;
if(Array.isArray(data6)){
if(data6.length > 5000){
const err16 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/maxItems",keyword:"maxItems",params:{limit: 5000},message:"must NOT have more than 5000 items",schema:5000,parentSchema:schema31.properties.nodes,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data6.length < 1){
const err17 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.nodes,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
if(!(validate24(data6[i0], {instancePath:instancePath+"/nodes/" + i0,parentData:data6,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err18 = {instancePath:instancePath+"/nodes",schemaPath:"#/properties/nodes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.nodes.type,parentSchema:schema31.properties.nodes,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.edges !== undefined){
let data8 = data.edges;
if(Array.isArray(data8)){
if(data8.length > 20000){
const err19 = {instancePath:instancePath+"/edges",schemaPath:"#/properties/edges/maxItems",keyword:"maxItems",params:{limit: 20000},message:"must NOT have more than 20000 items",schema:20000,parentSchema:schema31.properties.edges,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
if(!(validate114(data8[i1], {instancePath:instancePath+"/edges/" + i1,parentData:data8,parentDataProperty:i1,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate114.errors : vErrors.concat(validate114.errors);
errors = vErrors.length;
}
}
}
else {
const err20 = {instancePath:instancePath+"/edges",schemaPath:"#/properties/edges/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.edges.type,parentSchema:schema31.properties.edges,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.tests !== undefined){
let data10 = data.tests;
if(Array.isArray(data10)){
if(data10.length > 200){
const err21 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/maxItems",keyword:"maxItems",params:{limit: 200},message:"must NOT have more than 200 items",schema:200,parentSchema:schema31.properties.tests,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const len2 = data10.length;
for(let i2=0; i2<len2; i2++){
if(!(validate116(data10[i2], {instancePath:instancePath+"/tests/" + i2,parentData:data10,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate116.errors : vErrors.concat(validate116.errors);
errors = vErrors.length;
}
}
}
else {
const err22 = {instancePath:instancePath+"/tests",schemaPath:"#/properties/tests/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.tests.type,parentSchema:schema31.properties.tests,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const step_message = validate25;

export const step_menu = validate33;

export const step_input = validate41;

export const step_hours = validate49;

export const step_queue_group = validate53;

export const step_redirect = validate59;

export const step_voicemail = validate67;

export const step_callback = validate77;

export const step_sms = validate89;

export const step_forbidden_transfer = validate93;

export const step_filter = validate97;

export const step_split = validate99;

export const step_variable = validate101;

export const step_http_request = validate103;

export const step_condition = validate105;

export const step_hangup = validate107;
