// Wire shapes of the HubSpot responses Sidecar reads. Only what we use is
// required; everything else passes through untouched (HubSpot adds fields).
import * as z from 'zod';
import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/companies';
import type { MultiAssociatedObjectWithLabel } from '@hubspot/api-client/lib/codegen/crm/associations/v4';

/** HubSpot sends every property value as a string (or null when empty). */
export const Properties = z.record(z.string(), z.string().nullable());

export const ObjectRead = z.object({
  id: z.string(),
  properties: Properties,
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
});
export type ObjectRead = z.infer<typeof ObjectRead>;

// The SDK's class deserialises dates into Date; the wire has ISO strings. Check
// the fields we share still agree with the SDK's own model.
type Assert<T extends true> = T;
export type _SameCoreAsSdk = Assert<Pick<SimplePublicObject, 'id' | 'properties'> extends Pick<ObjectRead, 'id' | 'properties'> ? true : false>;

export const ObjectList = z.object({
  results: z.array(ObjectRead),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** One error in a batch answer; for missing objects `context.ids` lists them. */
export const BatchError = z.object({
  status: z.string().optional(),
  category: z.string(),
  message: z.string(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});
export type BatchError = z.infer<typeof BatchError>;

/** Batch read: 200 with every result, or 207 with results and errors. */
export const BatchRead = z.object({
  status: z.string().optional(),
  results: z.array(ObjectRead),
  errors: z.array(BatchError).optional(),
  numErrors: z.number().optional(),
});
export type BatchRead = z.infer<typeof BatchRead>;

export const AssociationType = z.object({
  category: z.string(),
  typeId: z.number(),
  label: z.string().nullable().optional(),
});

/** v4 association list. toObjectId is a number on the wire (the SDK types it as a string): accept both. */
export const AssociationList = z.object({
  results: z.array(
    z.object({
      toObjectId: z.union([z.number(), z.string()]).transform(String),
      associationTypes: z.array(AssociationType),
    }),
  ),
  paging: z.object({ next: z.object({ after: z.string(), link: z.string().optional() }).optional() }).optional(),
});
export type AssociationList = z.infer<typeof AssociationList>;
export type _AssocTypeIdsAsSdk = Assert<MultiAssociatedObjectWithLabel['associationTypes'][number]['typeId'] extends z.infer<typeof AssociationType>['typeId'] ? true : false>;

/** A note as created, updated or batch-read: an object whose properties include the body. */
export const NoteObject = ObjectRead;

/** Error bodies. `errors[].context` carries required scopes (403) and property names (400). */
export const ErrorBody = z.object({
  status: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  errorType: z.string().optional(),
  policyName: z.string().optional(),
  correlationId: z.string().optional(),
  errors: z
    .array(
      z.object({
        message: z.string().optional(),
        context: z.record(z.string(), z.array(z.string())).optional(),
      }),
    )
    .optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** GET /account-info/v3/details: any valid token may call it, so it names the portal. */
export const AccountInfo = z.object({
  portalId: z.number().int(),
  accountType: z.string().optional(),
  timeZone: z.string().optional(),
  companyCurrency: z.string().optional(),
  uiDomain: z.string().optional(),
  dataHostingLocation: z.string().optional(),
});
export type AccountInfo = z.infer<typeof AccountInfo>;
