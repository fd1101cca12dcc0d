import { describe, expect, it } from 'vitest';
import { isPolicySite, POLICY_SITE_MATCHES, POLICY_SITES } from '../../lib/sites';

describe('the built-in policy centres', () => {
  it('lists at least thirty distinct sites', () => {
    expect(new Set(POLICY_SITES).size).toBe(POLICY_SITES.length);
    expect(POLICY_SITES.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['www.caspianpolicy.org', true],
    ['caspianpolicy.org', true],
    ['www.csis.org', true],
    ['features.csis.org', true],
    ['WWW.BROOKINGS.EDU.', true],
    ['notcsis.org', false],
    ['csis.org.evil.com', false],
    ['news.example.com', false],
  ])('%s is listed: %s', (host, listed) => {
    expect(isPolicySite(host)).toBe(listed);
  });

  it('matches each site and its subdomains in the manifest', () => {
    expect(POLICY_SITE_MATCHES).toContain('*://caspianpolicy.org/*');
    expect(POLICY_SITE_MATCHES).toContain('*://*.caspianpolicy.org/*');
    expect(POLICY_SITE_MATCHES.length).toBe(POLICY_SITES.length * 2);
  });
});
