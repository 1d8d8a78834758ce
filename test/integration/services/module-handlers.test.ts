// The exported Lambda handlers as deployed: deps built at module load from the environment, DynamoDB via AWS_ENDPOINT_URL_DYNAMODB.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handler as createComment } from '../../../services/comments/create-comment';
import { handler as getComment } from '../../../services/comments/get-comment';
import { createCommentsTable } from '../../../services/comments/table';
import { handler as getMe } from '../../../services/me/get-me';
import { deliveredContext } from '../../helpers/authorizer-output';
import { jsonRequest, restEvent } from '../../helpers/http-events';
import { lambdaContext } from '../../helpers/lambda-context';

const caller = deliveredContext({
  principalId: 'sam',
  clientId: 'client-9',
  tokenUse: 'access',
  claims: { name: 'Sam' },
});

beforeAll(async () => {
  // A client configured only from the environment, exactly like the handlers' own.
  const client = new DynamoDBClient({});
  await createCommentsTable(client, process.env.TABLE_NAME as string);
  client.destroy();
});

describe('module-scope handlers', () => {
  it('POST then GET a comment through the exported handlers', async () => {
    const created = await createComment(
      restEvent({ ...jsonRequest({ text: 'deployed shape' }), authorizer: caller }),
      lambdaContext(),
    );
    expect(created.statusCode).toBe(201);
    const { id } = JSON.parse(created.body);
    const fetched = await getComment(
      restEvent({ method: 'GET', path: `/comments/${id}`, pathParameters: { id }, authorizer: caller }),
      lambdaContext(),
    );
    expect(fetched.statusCode).toBe(200);
    expect(JSON.parse(fetched.body)).toMatchObject({ id, mine: true, displayName: 'Sam', text: 'deployed shape' });
  });

  it('GET /me returns the decoded identity', async () => {
    const response = await getMe(restEvent({ method: 'GET', path: '/me', authorizer: caller }), lambdaContext());
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      principalId: 'sam',
      userId: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123#sam',
      provider: 'pool',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
      clientId: 'client-9',
      tokenUse: 'access',
      permissions: ['comments:read', 'comments:write'],
      expiresAt: '2100-01-01T00:00:00.000Z',
      claims: { name: 'Sam' },
    });
  });

  it('GET /me without an authorizer context is 401, never anonymous', async () => {
    const response = await getMe(restEvent({ method: 'GET', path: '/me', authorizer: null }), lambdaContext());
    expect(response.statusCode).toBe(401);
  });
});
