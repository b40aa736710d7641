import type { Platform } from '@/utils/schema-core';

/** Contract C2: the only hosts content scripts run on, by platform. */
export const SITE_HOSTS: Record<Platform, readonly string[]> = {
  x: ['x.com', 'twitter.com'],
  facebook: ['www.facebook.com'],
  instagram: ['www.instagram.com'],
  linkedin: ['www.linkedin.com'],
};

export const matchPatterns = (platform: Platform) => SITE_HOSTS[platform].map((h) => `https://${h}/*`);

export function platformOfUrl(url: string | undefined): Platform | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'https:') return null;
    for (const [platform, hosts] of Object.entries(SITE_HOSTS)) if (hosts.includes(hostname)) return platform as Platform;
  } catch {}
  return null;
}
