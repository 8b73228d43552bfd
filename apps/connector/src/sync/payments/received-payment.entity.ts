import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { epochMs } from '../../database/epoch-ms.transformer.js';

/**
 * What the connector keeps of each QuickBooks payment (ReceivePaymentRet, qbxml.md §4.6): the invoices it is applied
 * to, so a deleted payment (TxnDeletedQuery gives only its TxnID) re-reads them, and its unused amount, so a customer's
 * unapplied total can be summed over all its payments. Written when the payment's page is staged.
 */
@Entity({ name: 'received_payment' })
@Unique('uq_received_payment_txn', ['qbTxnId'])
@Index('ix_received_payment_customer', ['customerListId'])
export class ReceivedPaymentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 50 }) qbTxnId!: string;
  /** CustomerRef ListID (a job's own ListID for a job's payment). */
  @Column({ type: 'varchar', length: 50 }) customerListId!: string;
  /** UnusedPayment + UnusedCredits, in cents. */
  @Column({ type: 'integer' }) unusedCents!: number;
  /** JSON list of the invoice TxnIDs the payment is applied to. */
  @Column({ type: 'text' }) invoiceTxnIdsJson!: string;
  /** Deleted in QuickBooks: kept so its customer's total can be written once more without it. */
  @Column({ type: 'boolean' }) deleted!: boolean;
  @Column({ type: 'bigint', transformer: epochMs }) updatedAt!: Date;
}
