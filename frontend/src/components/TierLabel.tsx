/** A disaster-recovery tier as people say it: "Tier 1"; unclassified apps say so. */
export function tierLabel(tier: string | null | undefined): string {
  return tier ? tier.replace('TIER_', 'Tier ') : 'unclassified';
}

export function TierLabel({ tier }: { tier: string | null | undefined }) {
  return <span className={'tier ' + (tier ? tier.toLowerCase().replace('_', '-') : 'tier-none')}>{tierLabel(tier)}</span>;
}
