/** The views of the workstation, in navigation order. Each id is also its i18n key under nav.*. */
export const VIEW_IDS = ['market', 'orders', 'portfolio', 'risk', 'sessions', 'approvals', 'audit', 'evidence', 'replay'] as const;
export type ViewId = (typeof VIEW_IDS)[number];
