// The gateway model: what a packaged CloudFormation template says API Gateway does, typed for the local gateway.
import type { GatewayResponseType, SpecificGatewayResponseType } from './gateway-response-types';

export type { GatewayResponseType, SpecificGatewayResponseType };

/** The verbs an AWS::ApiGateway::Method can carry (ANY is a route's wildcard, never a request's verb). */
export const METHOD_VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'] as const;
export type MethodVerb = (typeof METHOD_VERBS)[number];

export interface GatewayModel {
  readonly api: ApiModel;
  /** Every AWS::ApiGateway::Method, in template order. */
  readonly routes: readonly RouteModel[];
  /** By logical id (what a route's `authorization.authorizerId` names). */
  readonly authorizers: Readonly<Record<string, AuthorizerModel>>;
  /** The GatewayResponse resources, by type; read them through `gatewayResponseFor`, which applies AWS's fallback. */
  readonly gatewayResponses: Readonly<Partial<Record<GatewayResponseType, GatewayResponseModel>>>;
}

/** The REST API and the pieces of its method ARNs (the template cannot know region, account or API id). */
export interface ApiModel {
  readonly logicalId: string;
  readonly name: string;
  readonly stage: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly apiId: string;
  /** `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}`: a method ARN is this + `/{VERB}{path}`. */
  readonly methodArnPrefix: string;
}

export interface RouteModel {
  /** The AWS::ApiGateway::Method's logical id. */
  readonly logicalId: string;
  readonly httpMethod: MethodVerb;
  /** The resource path template: `/comments/{id}`, a greedy `{proxy+}` kept as written, `/` for the root. */
  readonly path: string;
  readonly authorization: RouteAuthorization;
  readonly integration: IntegrationModel;
}

export type RouteAuthorization =
  | { readonly type: 'NONE' }
  | { readonly type: 'CUSTOM'; /** A key of `GatewayModel.authorizers`. */ readonly authorizerId: string };

export type IntegrationModel = LambdaProxyIntegration | MockIntegration;

export interface LambdaProxyIntegration {
  readonly type: 'AWS_PROXY';
  readonly lambda: LambdaTarget;
}

/** A MOCK integration (serverless writes one per CORS preflight): `evaluatePreflight` answers it. */
export interface MockIntegration {
  readonly type: 'MOCK';
  /** The default integration response (the only one serverless writes: no SelectionPattern). */
  readonly integrationResponse: MockIntegrationResponse;
  readonly methodResponses: readonly MethodResponseModel[];
}

export interface MockIntegrationResponse {
  readonly statusCode: number;
  /** As in the template: `method.response.header.<Name>` → `'static value'` (quotes included). */
  readonly responseParameters: Readonly<Record<string, string>>;
  /** Content type → VTL template. */
  readonly responseTemplates: Readonly<Record<string, string>>;
}

export interface MethodResponseModel {
  readonly statusCode: number;
  /** `method.response.header.<Name>` → whether it is required. */
  readonly responseParameters: Readonly<Record<string, boolean>>;
}

/** A Lambda function the gateway invokes, by the names each side uses for it. */
export interface LambdaTarget {
  /** The AWS::Lambda::Function's logical id (`MeLambdaFunction`). */
  readonly logicalId: string;
  /**
   * Its FunctionName (`comments-api-local-me`): the name serverless-offline's Lambda Invoke API
   * (`POST /2015-03-31/functions/{functionName}/invocations`) looks a function up by.
   */
  readonly functionName: string;
  /**
   * The serverless.yml key (`me`), when FunctionName is serverless's default `${service}-${stage}-${key}`;
   * null for a function given its own `name:`, whose key the template does not carry.
   */
  readonly functionKey: string | null;
}

export type AuthorizerModel = TokenAuthorizerModel | RequestAuthorizerModel;

interface AuthorizerModelBase {
  readonly logicalId: string;
  readonly name: string;
  /** AuthorizerResultTtlInSeconds; 300 when absent, as AWS. 0 = no cache. */
  readonly resultTtlInSeconds: number;
  readonly lambda: LambdaTarget;
}

export interface TokenAuthorizerModel extends AuthorizerModelBase {
  readonly type: 'TOKEN';
  /** From `method.request.header.<Name>`: the header carrying the token. */
  readonly identityHeader: string;
  /** IdentityValidationExpression, as written (a Java regex; a RegExp source for the same subset); null = none. */
  readonly identityValidationExpression: string | null;
}

export interface RequestAuthorizerModel extends AuthorizerModelBase {
  readonly type: 'REQUEST';
  /** Every one must be present, or API Gateway answers 401 without invoking the function. */
  readonly identitySources: readonly IdentitySource[];
}

export interface IdentitySource {
  readonly location: 'header' | 'querystring' | 'context' | 'stageVariables';
  readonly name: string;
}

export interface GatewayResponseModel {
  readonly type: GatewayResponseType;
  /** The AWS::ApiGateway::GatewayResponse's logical id. */
  readonly logicalId: string;
  /** StatusCode, or the type's AWS default; null only for DEFAULT_4XX / DEFAULT_5XX without one. */
  readonly statusCode: number | null;
  /** ResponseParameters, parsed: one entry per `gatewayresponse.header.<Name>`. */
  readonly headers: readonly HeaderMapping[];
  /** Content type → template (`$context.error.messageString`, `$context.authorizer.<key>`, …), unrendered. */
  readonly responseTemplates: Readonly<Record<string, string>>;
}

export interface HeaderMapping {
  readonly header: string;
  readonly source: HeaderValueSource;
}

export type HeaderValueSource =
  | { readonly kind: 'static'; readonly value: string }
  | {
      readonly kind: 'request';
      readonly location: 'header' | 'multivalueheader' | 'querystring' | 'multivaluequerystring' | 'path';
      readonly name: string;
    }
  | { readonly kind: 'context'; readonly name: string }
  | { readonly kind: 'stageVariables'; readonly name: string };

/** A gateway response after AWS's fallback: always a status, and where it came from. */
export interface ResolvedGatewayResponse {
  readonly type: SpecificGatewayResponseType;
  readonly origin: 'defined' | 'DEFAULT_4XX' | 'DEFAULT_5XX' | 'built-in';
  readonly statusCode: number;
  readonly headers: readonly HeaderMapping[];
  readonly responseTemplates: Readonly<Record<string, string>>;
}
