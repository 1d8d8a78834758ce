// playgroundOriginOf: the playground's origin and port are the local stage's primary CORS origin, from the template.
import { playgroundOriginOf } from '../../../../../scripts/local/playground/playground-origin';
import { packagedTemplate } from '../../gateway/model/packaged-template';

const templateWithOrigins = (origins: string | undefined) => ({
  Resources: {
    ApiGatewayRestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: {} },
    MeLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { Environment: { Variables: origins === undefined ? {} : { CORS_ORIGINS: origins } } },
    },
  },
});

describe('playgroundOriginOf', () => {
  it("is the first origin of the packaged local template (serverless.yml's params.local.corsOrigins)", () => {
    // Act
    const { origin, port } = playgroundOriginOf(packagedTemplate());

    // Assess
    expect(origin).toBe(`http://127.0.0.1:${port}`);
    expect(port).toBeGreaterThan(1023);
  });

  it('takes the first of several origins', () => {
    // Act
    const found = playgroundOriginOf(templateWithOrigins('http://127.0.0.1:5180,http://localhost:5173'));

    // Assess
    expect(found).toEqual({ origin: 'http://127.0.0.1:5180', port: 5180 });
  });

  it.each([
    ['a primary origin on another host', 'http://localhost:5173,http://127.0.0.1:5180', 'http://localhost:5173'],
    ['https, which a local server does not speak', 'https://127.0.0.1:5180', 'https://127.0.0.1:5180'],
    ['a path after the origin', 'http://127.0.0.1:5180/app', 'http://127.0.0.1:5180/app'],
    ['no origins at all', undefined, 'nothing'],
  ])('refuses %s, naming the parameter', (_name, origins, shown) => {
    // Act
    const attempt = () => playgroundOriginOf(templateWithOrigins(origins));

    // Assess
    expect(attempt).toThrow(`params.local.corsOrigins (serverless.yml) must start with the playground's origin`);
    expect(attempt).toThrow(`it starts with ${shown}`);
  });
});
