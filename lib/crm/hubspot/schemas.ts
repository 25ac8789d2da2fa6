// Wire shapes of the HubSpot responses Sidecar reads. Only what we use is
// required; everything else passes through untouched (HubSpot adds fields).
import * as z from 'zod';
import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/companies';
import type { MultiAssociatedObjectWithLabel, PublicAssociationMultiWithLabel } from '@hubspot/api-client/lib/codegen/crm/associations/v4';

/** HubSpot sends every property value as a string (or null when empty). */
export const Properties = z.record(z.string(), z.string().nullable());

export const ObjectRead = z.object({
  id: z.string(),
  properties: Properties,
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
  /** The record's page in HubSpot (2026-09): `https://{host}/contacts/{portalId}/record/{type}/{id}`. */
  url: z.string().optional(),
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

/** One error in a batch answer (StandardError); for missing objects `context.ids` lists them. */
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

/** One associated record. The 2026-09 spec types toObjectId as a string; v4 sent a number: accept both. */
export const AssociatedObject = z.object({
  toObjectId: z.union([z.number(), z.string()]).transform(String),
  associationTypes: z.array(AssociationType),
});
export type AssociatedObject = z.output<typeof AssociatedObject>;

const NextPage = z.object({ next: z.object({ after: z.string(), link: z.string().optional() }).optional() });

/**
 * POST /crm/associations/2026-09/{from}/{to}/batch/read: one result per input
 * id that has associations, each with its own `paging.next.after` (present
 * only when there are more); ids with none are left out, or named in `errors`.
 */
export const AssociationBatchRead = z.object({
  status: z.string().optional(),
  results: z.array(
    z.object({
      from: z.object({ id: z.union([z.number(), z.string()]).transform(String) }),
      to: z.array(AssociatedObject),
      paging: NextPage.optional(),
    }),
  ),
  errors: z.array(BatchError).optional(),
  numErrors: z.number().optional(),
});
export type AssociationBatchRead = z.output<typeof AssociationBatchRead>;
// The SDK names the `from` field `_from` (a reserved word in its generator); the wire and the spec say `from`.
export type _AssocBatchAsSdk = Assert<Pick<PublicAssociationMultiWithLabel, 'to'>['to'][number]['toObjectId'] extends z.input<typeof AssociatedObject>['toObjectId'] ? true : false>;
export type _AssocTypeIdsAsSdk = Assert<MultiAssociatedObjectWithLabel['associationTypes'][number]['typeId'] extends z.infer<typeof AssociationType>['typeId'] ? true : false>;

/** A note as created, updated or batch-read: an object whose properties include the body. */
export const NoteObject = ObjectRead;

const ErrorContext = z.record(z.string(), z.array(z.string()));

/**
 * Error bodies (the spec's Error: category, correlationId, message required).
 * `context` and each `errors[].context` carry `missingScopes` (403) and
 * `invalidPropertyName` (400) as the 2026-09 spec documents them; older
 * answers named them `requiredGranularScopes` and `propertyName`.
 */
export const ErrorBody = z.object({
  status: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.string().optional(),
  errorType: z.string().optional(),
  policyName: z.string().optional(),
  correlationId: z.string().optional(),
  context: ErrorContext.optional(),
  errors: z
    .array(
      z.object({
        message: z.string().optional(),
        code: z.string().optional(),
        context: ErrorContext.optional(),
      }),
    )
    .optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** GET /account-info/2026-09/details: names the portal; the spec puts it under the `oauth` scope. */
export const AccountInfo = z.object({
  portalId: z.number().int(),
  accountType: z.string().optional(),
  timeZone: z.string().optional(),
  companyCurrency: z.string().optional(),
  uiDomain: z.string().optional(),
  dataHostingLocation: z.string().optional(),
});
export type AccountInfo = z.infer<typeof AccountInfo>;

/** One owner (the 2026-09 PublicOwner): id, type and times required; names and e-mail optional. */
export const Owner = z.object({
  id: z.string(),
  email: z.string().nullable().optional(),
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  type: z.string(),
  userId: z.number().int().nullable().optional(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Owner = z.infer<typeof Owner>;

/** GET /crm/owners/2026-09: CollectionResponsePublicOwnerForwardPaging. */
export const OwnerList = z.object({
  results: z.array(Owner),
  paging: z.object({ next: z.object({ after: z.string(), link: z.string().optional() }).optional() }).optional(),
});
