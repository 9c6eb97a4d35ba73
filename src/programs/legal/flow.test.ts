import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../../engines/cases/deadlines.ts';
import { eventKinds, eventProblem, outcomeProblem, roleProblem, transitionProblem } from '../../engines/cases/flow.ts';
import { labourDisputeFlow as flow } from './flow.ts';

const due = (events: [string, string][], key: string) =>
  computeDeadlines(
    flow.deadlines,
    events.map(([kind, occurredOn]) => ({ kind, occurredOn })),
  ).find((d) => d.key === key);

describe('labour-dispute deadlines', () => {
  it('gives one year to apply for arbitration from when the worker knew of the violation', () => {
    // The year ends on Saturday 15 March 2014: the last day moves to Monday.
    expect(due([['violation_known', '2013-03-15']], 'arbitration_limitation')).toMatchObject({ fromOn: '2013-03-15', dueOn: '2014-03-17', nominalDueOn: '2014-03-15', metOn: null });
    // Learnt on leap day: the year ends on the last day of February.
    expect(due([['violation_known', '2012-02-29']], 'arbitration_limitation')?.dueOn).toBe('2013-02-28');
    expect(due([['violation_known', '2012-12-31']], 'arbitration_limitation')?.dueOn).toBe('2013-12-31');
  });

  it('restarts the year from an interruption, and is met by the application', () => {
    const events: [string, string][] = [
      ['violation_known', '2012-05-10'],
      ['limitation_interrupted', '2013-01-20'],
    ];
    expect(due(events, 'arbitration_limitation')).toMatchObject({ fromOn: '2013-01-20', dueOn: '2014-01-20', metOn: null });
    expect(due([...events, ['arbitration_applied', '2013-06-01']], 'arbitration_limitation')?.metOn).toBe('2013-06-01');
    // Entering the arbitration stage meets it too.
    expect(due([...events, ['arbitration_started', '2013-07-01']], 'arbitration_limitation')?.metOn).toBe('2013-07-01');
  });

  it('gives 45 days for the award from acceptance, 60 when extended, across month ends and leap years', () => {
    expect(due([['arbitration_accepted', '2013-01-20']], 'arbitration_award')).toMatchObject({ dueOn: '2013-03-06', extended: false });
    expect(due([['arbitration_accepted', '2012-01-20']], 'arbitration_award')?.dueOn).toBe('2012-03-05');
    expect(due([['arbitration_accepted', '2013-12-20']], 'arbitration_award')?.dueOn).toBe('2014-02-03');
    const extended = due(
      [
        ['arbitration_accepted', '2013-01-20'],
        ['arbitration_extended', '2013-02-20'],
      ],
      'arbitration_award',
    );
    expect(extended).toMatchObject({ dueOn: '2013-03-21', extended: true });
    expect(
      due(
        [
          ['arbitration_accepted', '2012-01-20'],
          ['arbitration_extended', '2012-03-01'],
        ],
        'arbitration_award',
      )?.dueOn,
    ).toBe('2012-03-20');
  });

  it('does not count an extension recorded before the acceptance it would extend', () => {
    expect(
      due(
        [
          ['arbitration_extended', '2013-01-01'],
          ['arbitration_accepted', '2013-01-20'],
        ],
        'arbitration_award',
      ),
    ).toMatchObject({ dueOn: '2013-03-06', extended: false });
  });

  it('gives 15 days to sue after the award is served, and 15 to appeal a judgment', () => {
    expect(due([['award_served', '2013-02-20']], 'lawsuit_filing')?.dueOn).toBe('2013-03-07');
    expect(due([['award_served', '2012-02-20']], 'lawsuit_filing')?.dueOn).toBe('2012-03-06');
    expect(due([['award_served', '2013-12-25']], 'lawsuit_filing')?.dueOn).toBe('2014-01-09');
    expect(
      due(
        [
          ['award_served', '2013-02-20'],
          ['lawsuit_filed', '2013-03-01'],
        ],
        'lawsuit_filing',
      )?.metOn,
    ).toBe('2013-03-01');
    expect(due([['judgment_served', '2013-06-20']], 'appeal_filing')?.dueOn).toBe('2013-07-05');
  });

  it('starts no deadline before its event happens', () => {
    expect(computeDeadlines(flow.deadlines, [])).toEqual([]);
    expect(due([['violation_known', '2013-01-01']], 'lawsuit_filing')).toBeUndefined();
  });
});

describe('stage order and roles', () => {
  it('starts a case at any stage the union can join at', () => {
    for (const s of ['intake', 'mediation', 'arbitration', 'first_instance', 'appeal']) expect(transitionProblem(flow, null, s)).toBeNull();
    expect(transitionProblem(flow, null, 'trial')).toBe('stage_unknown');
  });

  it('moves forward only: mediation → arbitration → first instance → appeal, never back nor twice', () => {
    expect(transitionProblem(flow, 'intake', 'mediation')).toBeNull();
    expect(transitionProblem(flow, 'intake', 'first_instance')).toBeNull();
    expect(transitionProblem(flow, 'mediation', 'arbitration')).toBeNull();
    expect(transitionProblem(flow, 'arbitration', 'first_instance')).toBeNull();
    expect(transitionProblem(flow, 'first_instance', 'appeal')).toBeNull();
    expect(transitionProblem(flow, 'mediation', 'first_instance')).toBe('stage_order');
    expect(transitionProblem(flow, 'arbitration', 'mediation')).toBe('stage_order');
    expect(transitionProblem(flow, 'appeal', 'first_instance')).toBe('stage_order');
    expect(transitionProblem(flow, 'first_instance', 'intake')).toBe('stage_order');
    expect(transitionProblem(flow, 'intake', 'mediation', ['intake', 'mediation'])).toBe('stage_order');
  });

  it('allows at each stage only the union’s roles there, and only that stage’s outcomes', () => {
    expect(roleProblem(flow, 'mediation', 'mediator')).toBeNull();
    expect(roleProblem(flow, 'arbitration', 'arbitrator')).toBeNull();
    expect(roleProblem(flow, 'first_instance', 'workers_agent')).toBeNull();
    expect(roleProblem(flow, 'mediation', 'arbitrator')).toBe('role_not_allowed');
    expect(roleProblem(flow, 'appeal', 'mediator')).toBe('role_not_allowed');
    expect(outcomeProblem(flow, 'mediation', 'agreement')).toBeNull();
    expect(outcomeProblem(flow, 'mediation', 'award')).toBe('outcome_not_allowed');
  });

  it('knows its events, stage starts and ends included', () => {
    expect(eventProblem(flow, 'award_served')).toBeNull();
    expect(eventProblem(flow, 'arbitration_started')).toBeNull();
    expect(eventProblem(flow, 'lunch')).toBe('event_unknown');
    expect(eventKinds(flow)).toContain('appeal_ended');
  });
});
