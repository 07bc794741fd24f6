import { Type, type Static } from 'typebox';

const Name = Type.String({ minLength: 2, maxLength: 160 });

export const LEGAL_FORMS = ['e_v', 'kaoer', 'ggmbh', 'city', 'other'] as const;
export const LegalFormSchema = Type.Enum(LEGAL_FORMS);
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const OperatorSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  legalForm: LegalFormSchema,
  centreCount: Type.Integer(),
});
export type Operator = Static<typeof OperatorSchema>;

export const CreateOperatorBodySchema = Type.Object(
  { name: Name, legalForm: LegalFormSchema },
  { additionalProperties: false },
);
export type CreateOperatorBody = Static<typeof CreateOperatorBodySchema>;

export const UpdateOperatorBodySchema = Type.Object(
  { name: Type.Optional(Name), legalForm: Type.Optional(LegalFormSchema) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOperatorBody = Static<typeof UpdateOperatorBodySchema>;

/** Short code such as GRO or WEST: upper-case letters, 2–6 characters. */
export const CentreCode = Type.String({ pattern: '^[A-Z]{2,6}$', description: 'e.g. GRO, WEST' });

export const CentreSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  code: Type.String(),
  operatorId: Type.Integer(),
  operatorName: Type.String(),
  address: Type.String(),
  district: Type.String(),
  openingHours: Type.String(),
  openedOn: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type Centre = Static<typeof CentreSchema>;

const centreFields = {
  name: Name,
  code: CentreCode,
  operatorId: Type.Integer({ minimum: 1 }),
  address: Type.String({ minLength: 3, maxLength: 200 }),
  district: Type.String({ minLength: 2, maxLength: 120 }),
  openingHours: Type.String({ maxLength: 500 }),
  openedOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  active: Type.Boolean(),
};

export const CreateCentreBodySchema = Type.Object(
  {
    ...centreFields,
    openingHours: Type.Optional(centreFields.openingHours),
    openedOn: Type.Optional(centreFields.openedOn),
    active: Type.Optional(centreFields.active),
  },
  { additionalProperties: false },
);
export type CreateCentreBody = Static<typeof CreateCentreBodySchema>;

export const UpdateCentreBodySchema = Type.Partial(Type.Object(centreFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateCentreBody = Static<typeof UpdateCentreBodySchema>;
