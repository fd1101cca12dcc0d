/**
 * The policy centres Dossier runs on without being asked. Everything else needs the user to
 * click "Analyze this page" or grant the one site. Kept as bare registrable domains so that the
 * manifest, the popup and tests derive their match patterns from one list.
 */
export const POLICY_SITES: readonly string[] = [
  'caspianpolicy.org',
  'csis.org',
  'atlanticcouncil.org',
  'brookings.edu',
  'carnegieendowment.org',
  'chathamhouse.org',
  'wilsoncenter.org',
  'cfr.org',
  'rand.org',
  'crisisgroup.org',
  'ecfr.eu',
  'iiss.org',
  'rusi.org',
  'stimson.org',
  'heritage.org',
  'cato.org',
  'aei.org',
  'hudson.org',
  'newamerica.org',
  'americanprogress.org',
  'piie.com',
  'cnas.org',
  'fpri.org',
  'armscontrol.org',
  'sipri.org',
  'bruegel.org',
  'chathamhouse.org',
  'gmfus.org',
  'merics.org',
  'swp-berlin.org',
  'ifri.org',
  'clingendael.org',
  'lowyinstitute.org',
  'orfonline.org',
  'carnegie.ru',
  'washingtoninstitute.org',
  'mei.edu',
  'belfercenter.org',
  'usip.org',
  'hoover.org',
  'epc.eu',
  'ceps.eu',
  'iss.europa.eu',
  'odi.org',
  'csis-id.org',
  'isdp.eu',
  'jamestown.org',
  'understandingwar.org',
  'foreignpolicy.com',
  'foreignaffairs.com',
].filter((site, i, all) => all.indexOf(site) === i);

/** Manifest match patterns for the sites above, each with its subdomains, on http and https. */
export const POLICY_SITE_MATCHES: readonly string[] = POLICY_SITES.flatMap((site) => [
  `*://${site}/*`,
  `*://*.${site}/*`,
]);

/** Whether a hostname is one of the listed sites or a subdomain of one. */
export function isPolicySite(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return POLICY_SITES.some((site) => host === site || host.endsWith(`.${site}`));
}
